import { BansList } from '@/components/console/agent-tools/BansList';
import { PageHeader } from '@/components/console/PageHeader';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Banned visitors' };
export const dynamic = 'force-dynamic';

export default async function BansPage() {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/live-chat/bans');
  const bans = await services().tools.bans.list(user.workspaceId);
  return (
    <>
      <PageHeader trail={['Live Chat']} title="Banned visitors" description="Bans in force and past bans." />
      <BansList bans={bans} />
    </>
  );
}
