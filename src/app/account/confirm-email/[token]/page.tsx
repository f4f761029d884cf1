import { ConfirmEmailButton } from '@/components/account/ConfirmEmailButton';
import { AuthShell } from '@/components/console/AuthShell';
import { Alert } from '@/components/ui/Alert';
import { emailServices } from '@/server/email';

export const metadata = { title: 'Confirm your new email address' };
export const dynamic = 'force-dynamic';

/** The link of an email-change confirmation (mailed to the new address; once, one hour). */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const change = await emailServices().emailChanges.describe(token);
  if (!change) {
    return (
      <AuthShell title="This confirmation link no longer works">
        <Alert tone="info">It was already used, replaced by a newer request, or it expired after an hour. Ask for the change again on your account page.</Alert>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Confirm your new email address" subtitle={`After this you sign in with ${change.newEmail}.`}>
      <ConfirmEmailButton token={token} newEmail={change.newEmail} />
    </AuthShell>
  );
}
