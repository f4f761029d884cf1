import { PageHeader } from '@/components/console/PageHeader';
import { MonitorDashboard } from '@/components/monitor/MonitorDashboard';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';

export const metadata = { title: 'Chat Monitoring' };

export default async function MonitoringPage() {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/live-chat/monitoring');
  return (
    <>
      <PageHeader trail={['Live Chat']} title="Chat Monitoring" description="Agents, queues, open chats and alerts, live from every chat server." />
      <MonitorDashboard canEditSettings={user.role === 'admin'} userId={user.id} />
    </>
  );
}
