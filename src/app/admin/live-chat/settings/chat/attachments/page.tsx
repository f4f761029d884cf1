import { PageHeader } from '@/components/console/PageHeader';
import { AttachmentSettingsForm } from '@/components/console/service/AttachmentSettingsForm';
import { formatBytes } from '@/domain/attachments/policy';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Attachments' };

const LABELS: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
  'text/plain': 'text',
  'text/csv': 'CSV',
  'application/zip': 'ZIP',
  'audio/mpeg': 'MP3',
  'video/mp4': 'MP4',
};

export default async function AttachmentSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/attachments');
  const s = services();
  const stored = await s.settings.get(user.workspaceId, 'attachments');
  const { policy } = s.attachments.config;
  const types = [...policy.allowedTypes].map((t) => LABELS[t] ?? (t.includes('officedocument') || t.includes('opendocument') ? 'Office documents' : t));
  return (
    <>
      <PageHeader trail={['Live Chat', 'Settings', 'Chat']} title="Attachments" description="Who can send images and files in a chat." />
      <AttachmentSettingsForm initial={{ version: stored.version, value: stored.value }} limits={{ maxSize: formatBytes(policy.maxBytes), types: [...new Set(types)].join(', ') }} />
    </>
  );
}
