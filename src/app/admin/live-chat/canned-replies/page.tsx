import { CannedRepliesManager } from '@/components/console/agent-tools/CannedRepliesManager';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Canned replies' };
export const dynamic = 'force-dynamic';

export default async function CannedRepliesPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/canned-replies');
  const [replies, groups] = await Promise.all([services().tools.canned.shared(user.workspaceId), services().accounts.listGroups(user.workspaceId)]);
  return (
    <>
      <PageHeader trail={['Live Chat']} title="Canned replies" description="Ready-made answers for the whole team. Agents keep personal ones in the agent workspace." />
      <CannedRepliesManager replies={replies} groups={groups.map((g) => ({ id: g.id, name: g.name }))} />
    </>
  );
}
