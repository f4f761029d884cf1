import Link from 'next/link';
import { SetPasswordForm } from '@/components/account/SetPasswordForm';
import { AuthShell } from '@/components/console/AuthShell';
import { Alert } from '@/components/ui/Alert';
import { emailServices } from '@/server/email';

export const metadata = { title: 'Choose a new password' };
export const dynamic = 'force-dynamic';

/** The link of a password-reset email (one hour, once). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await emailServices().resets.isValid(token))) {
    return (
      <AuthShell title="This reset link no longer works">
        <Alert tone="info">Reset links work once and for one hour. Ask for a new one and use the latest email.</Alert>
        <p className="mt-4 text-sm text-slate-600">
          <Link href="/forgot-password" className="font-medium text-indigo-600 hover:text-indigo-500">
            Send me a new link
          </Link>
        </p>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Choose a new password" subtitle="After the change, every device signed in to your account is signed out.">
      <SetPasswordForm token={token} purpose="reset" />
    </AuthShell>
  );
}
