import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AgentEditForm } from '@/components/console/AgentEditForm';
import { PageHeader } from '@/components/console/PageHeader';
import { ResendInvitation } from '@/components/console/ResendInvitation';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Edit agent' };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(ADMIN_ONLY, `/admin/agents/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const s = services();
  const [agent, groups, assignment] = await Promise.all([
    s.accounts.getAgent(user.workspaceId, id),
    s.accounts.listGroups(user.workspaceId),
    s.settings.value(user.workspaceId, 'assignment'),
  ]);
  if (!agent) notFound();
  const { createdAt: _createdAt, ...row } = agent;
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/admin/agents" className="rounded font-medium text-indigo-600 hover:text-indigo-500">
          ← All agents
        </Link>
      </p>
      <PageHeader trail={['Team', 'Agents']} title={agent.name} description={agent.email} />
      {agent.invitePending && agent.active ? <ResendInvitation agentId={agent.id} email={agent.email} /> : null}
      <AgentEditForm agent={row} groups={groups} defaultLimit={assignment.defaultReceptionLimit} isSelf={agent.id === user.id} />
    </>
  );
}
