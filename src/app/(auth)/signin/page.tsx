'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { getSession, signIn } from 'next-auth/react';
import { Suspense, useState, type FormEvent } from 'react';
import { AuthShell, safeCallback } from '@/components/console/AuthShell';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, fieldProps } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';

function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const notice = params.get('notice') === 'password-reset' ? 'Your password was changed and every device was signed out. Sign in with your new password.' : null;
  const [password, setPassword] = useState('');
  // Shown once the password was right and the account has two-factor sign-in.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    try {
      const result = await signIn('credentials', { email: email.trim(), password, ...(askCode ? { code: code.trim() } : {}), redirect: false });
      if (result?.error === 'TwoFactorRequired' || result?.error === 'TwoFactorInvalid') {
        setAskCode(true);
        setError(result.error === 'TwoFactorInvalid' ? 'That code is not right, or was used already. Enter the current code from your app, or a recovery code.' : null);
        setBusy(false);
        return;
      }
      if (!result || result.error) {
        // 429: locked or slowed down after failed attempts; the server's message says for how long.
        setError(
          result?.status === 429 && result.error
            ? result.error
            : result?.error === 'CredentialsSignin'
              ? 'Wrong email or password, or the account has been deactivated.'
              : 'Sign-in failed. Please try again.',
        );
        setBusy(false);
        return;
      }
      const session = (await getSession()) as { user?: { role?: string } } | null;
      const home = session?.user?.role === 'agent' ? '/agent' : '/admin';
      router.replace(safeCallback(params.get('callbackUrl')) ?? home);
      router.refresh();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {notice && !error ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" label="Email">
        <Input {...fieldProps('email')} type="email" autoComplete="email" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field id="password" label="Password">
        <Input
          {...fieldProps('password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      {askCode ? (
        <Field id="code" label="Two-factor code" hint="The 6-digit code from your authenticator app, or one of your recovery codes.">
          <Input {...fieldProps('code', undefined, true)} inputMode="numeric" autoComplete="one-time-code" autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
      ) : null}
      <Button type="submit" loading={busy} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-600 hover:text-indigo-500">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}

export default function SignInPage() {
  return (
    <AuthShell
      title="Sign in"
      subtitle="Admins and supervisors go to the console, agents to their workspace."
      footer={
        <>
          New here?{' '}
          <Link href="/signup" className="font-medium text-indigo-600 hover:text-indigo-500">
            Create a workspace
          </Link>
        </>
      }
    >
      <Suspense fallback={null}>
        <SignInForm />
      </Suspense>
    </AuthShell>
  );
}
