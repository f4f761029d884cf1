import { PageHeader } from '@/components/console/PageHeader';
import { MessageWebhookSettings } from '@/components/console/webhooks/WebhookSettings';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Message Webhook' };

export default async function MessageWebhookPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/webhook');
  const overview = await services().webhooks.overview(user.workspaceId);
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat']}
        title="Message Webhook"
        description="Push offline messages and live-chat events to your own systems. Every request is signed with the endpoint's secret, in the Standard Webhooks format or the original X-Livechat-Signature format (chosen per endpoint)."
      />
      <MessageWebhookSettings initial={overview} />
    </>
  );
}
