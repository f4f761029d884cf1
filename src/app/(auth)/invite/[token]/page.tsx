import Link from 'next/link';
import { SetPasswordForm } from '@/components/account/SetPasswordForm';
import { AuthShell } from '@/components/console/AuthShell';
import { Alert } from '@/components/ui/Alert';
import { emailServices } from '@/server/email';

export const metadata = { title: 'Accept your invitation' };
export const dynamic = 'force-dynamic';

/** The link of an invitation email: the invitee chooses a password (once; the link expires after 7 days). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await emailServices().invitations.describe(token);
  if (!invitation) {
    return (
      <AuthShell title="This invitation link no longer works">
        <Alert tone="info">It was already used, replaced by a newer invitation, or it expired. Ask your admin to send a new one.</Alert>
        <p className="mt-4 text-sm text-slate-600">
          Already set your password?{' '}
          <Link href="/signin" className="font-medium text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </p>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={`Join ${invitation.workspaceName}`} subtitle={`Welcome, ${invitation.name}. Choose the password you will sign in with as ${invitation.email}.`}>
      <SetPasswordForm token={token} purpose="invite" email={invitation.email} />
    </AuthShell>
  );
}
