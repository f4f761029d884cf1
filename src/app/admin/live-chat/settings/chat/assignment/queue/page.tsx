import Link from 'next/link';
import { PageHeader } from '@/components/console/PageHeader';
import { QueueSettingsForm } from '@/components/console/QueueSettingsForm';
import { Alert } from '@/components/ui/Alert';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Queue Settings' };

export default async function QueueSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/assignment/queue');
  const s = services();
  const [stored, groups, mode] = await Promise.all([
    s.settings.get(user.workspaceId, 'queue'),
    s.accounts.listGroups(user.workspaceId),
    s.settings.value(user.workspaceId, 'mode'),
  ]);
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat', 'Customer Assignment Strategy']}
        title="Queue Settings"
        description="What a visitor sees while every agent who could take their chat is busy, and how long they may wait."
      />
      {mode.mode === 'always_on' ? (
        <Alert tone="info" className="mb-6">
          <span data-testid="queue-mode-notice">
            Your workspace uses <strong>always-on reception</strong>, where visitors never queue: chats nobody can take wait in the Unassigned pool. These
            settings apply only in real-time reception; switch in{' '}
            <Link href="/admin/live-chat/mode" className="font-medium text-indigo-700 underline hover:text-indigo-600">
              Mode Settings
            </Link>
            .
          </span>
        </Alert>
      ) : null}
      <QueueSettingsForm initial={{ version: stored.version, value: stored.value }} groups={groups} />
    </>
  );
}
