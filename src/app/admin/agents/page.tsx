import { AgentsManager } from '@/components/console/AgentsManager';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Agents' };

export default async function AgentsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/agents');
  const s = services();
  const [agents, groups, assignment] = await Promise.all([
    s.accounts.listAgents(user.workspaceId),
    s.accounts.listGroups(user.workspaceId),
    s.settings.value(user.workspaceId, 'assignment'),
  ]);
  return (
    <>
      <PageHeader trail={['Team']} title="Agents" description="Everyone who can sign in to this workspace: admins, supervisors and agents." />
      <AgentsManager
        agents={agents.map(({ createdAt: _createdAt, ...a }) => a)}
        groups={groups}
        defaultLimit={assignment.defaultReceptionLimit}
        currentUserId={user.id}
      />
    </>
  );
}
