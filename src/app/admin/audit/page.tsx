import { AuditLog } from '@/components/console/AuditLog';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/audit');
  const s = services();
  const [page, groups, agents] = await Promise.all([
    s.settings.listAudit(user.workspaceId, { limit: 30 }),
    s.accounts.listGroups(user.workspaceId),
    s.accounts.listAgents(user.workspaceId),
  ]);
  // Settings hold ids of skill groups and agents: the log shows their names.
  const names = Object.fromEntries([...groups.map((g) => [g.id, g.name]), ...agents.map((a) => [a.id, a.name])]);
  return (
    <>
      <PageHeader trail={['Workspace']} title="Audit log" description="Every change to the workspace's settings: who, when, and what changed (before → after)." />
      <AuditLog initial={page.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() }))} initialCursor={page.nextCursor} names={names} />
    </>
  );
}
