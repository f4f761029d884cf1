import { AgentsManager } from '@/components/console/AgentsManager';
import { PageHeader } from '@/components/console/PageHeader';
import { TwoFactorPolicy } from '@/components/console/TwoFactorPolicy';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';
import { twoFactor } from '@/server/two-factor';

export const metadata = { title: 'Agents' };

export default async function AgentsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/agents');
  const s = services();
  const [agents, groups, assignment, requireTwoFactor] = await Promise.all([
    s.accounts.listAgents(user.workspaceId),
    s.accounts.listGroups(user.workspaceId),
    s.settings.value(user.workspaceId, 'assignment'),
    twoFactor().isRequired(user.workspaceId),
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
      <div className="mt-6">
        <TwoFactorPolicy initial={requireTwoFactor} />
      </div>
    </>
  );
}
