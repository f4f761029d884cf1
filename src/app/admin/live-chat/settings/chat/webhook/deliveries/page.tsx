import { PageHeader } from '@/components/console/PageHeader';
import { DeliveryLog } from '@/components/console/webhooks/DeliveryLog';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';

export const metadata = { title: 'Webhook Delivery Log' };

export default async function WebhookDeliveriesPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/webhook/deliveries');
  const { kind } = await searchParams;
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat', 'Message Webhook']}
        title="Webhook Delivery Log"
        description="Every delivery with each attempt: status codes, latency, the start of the response and the next retry."
      />
      <DeliveryLog initialKind={kind && ['offline', 'events', 'push'].includes(kind) ? kind : undefined} />
    </>
  );
}
