import Link from 'next/link';
import { PageHeader } from '@/components/console/PageHeader';
import { SubmissionSettingsForm } from '@/components/console/SubmissionSettingsForm';
import { Alert } from '@/components/ui/Alert';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Submission' };

export default async function SubmissionSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/submission');
  const s = services();
  const [stored, mode] = await Promise.all([s.settings.get(user.workspaceId, 'submission'), s.settings.value(user.workspaceId, 'mode')]);
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat']}
        title="Submission"
        description={
          <>
            Let visitors leave a message when they cannot chat: outside{' '}
            <Link href="/admin/working-hours" className="font-medium text-indigo-700 underline hover:text-indigo-600">
              working hours
            </Link>
            , with nobody online, or when the queue is full or times out. Messages land in the{' '}
            <Link href="/agent/submissions" className="font-medium text-indigo-700 underline hover:text-indigo-600">
              Submissions inbox
            </Link>
            .
          </>
        }
      />
      {mode.mode === 'always_on' ? (
        <Alert tone="info" className="mb-6">
          <span data-testid="submission-mode-notice">
            Your workspace uses <strong>always-on reception</strong>: visitors can always write, so the form is never offered. These settings apply
            only in real-time reception; switch in{' '}
            <Link href="/admin/live-chat/mode" className="font-medium text-indigo-700 underline hover:text-indigo-600">
              Mode Settings
            </Link>
            .
          </span>
        </Alert>
      ) : (
        <p className="mb-6 text-sm text-slate-600" data-testid="submission-mode-notice">
          Leave-a-message works in <strong>real-time reception</strong> only (your current mode).
        </p>
      )}
      <SubmissionSettingsForm initial={{ version: stored.version, value: stored.value }} />
    </>
  );
}
