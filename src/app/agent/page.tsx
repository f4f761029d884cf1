import type { Metadata } from 'next';
import { AgentWorkspace } from '@/components/chat/AgentWorkspace';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Agent workspace' };

export default async function AgentPage() {
  const user = await requirePageUser(ALL_ROLES, '/agent');
  // The console can turn agents' files off: then no attach button (the server refuses uploads anyway).
  const attachments = await services().settings.value(user.workspaceId, 'attachments');
  return <AgentWorkspace user={{ id: user.id, name: user.name, role: user.role }} canAttach={attachments.agent} />;
}
