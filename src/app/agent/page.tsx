import type { Metadata } from 'next';
import { AgentWorkspace } from '@/components/chat/AgentWorkspace';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Agent workspace' };

export default async function AgentPage() {
  const user = await requirePageUser(ALL_ROLES, '/agent');
  return <AgentWorkspace user={{ id: user.id, name: user.name, role: user.role }} />;
}
