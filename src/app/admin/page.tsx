import { PageHeader } from '@/components/console/PageHeader';
import { Checklist } from '@/components/console/home/Checklist';
import { Overview } from '@/components/console/home/Overview';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Console' };

/** Console home: the first-run checklist (until dismissed), today's chats and who is online. */
export default async function ConsoleHome() {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin');
  const s = services();
  const [checklist, today, snapshot] = await Promise.all([
    s.onboarding.checklist(user.workspaceId),
    s.onboarding.today(user.workspaceId),
    s.monitoring.snapshot(user.workspaceId),
  ]);
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="Today in your workspace." />
      <Checklist data={checklist} isAdmin={user.role === 'admin'} />
      <Overview chatsToday={today.chatsToday} snapshot={snapshot} canMonitor />
    </>
  );
}
