import { PageHeader } from '@/components/console/PageHeader';
import { PushNotificationSettings } from '@/components/console/webhooks/WebhookSettings';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Message Push Notifications' };

export default async function PushNotificationsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/push-notifications');
  const overview = await services().webhooks.overview(user.workspaceId);
  return (
    <>
      <PageHeader trail={['Live Chat', 'Settings', 'Chat']} title="Message Push Notifications" description="Choose the message and event types to push, and where to." />
      <PushNotificationSettings initial={overview} />
    </>
  );
}
