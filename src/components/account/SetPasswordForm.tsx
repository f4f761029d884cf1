'use client';

import { useRouter } from 'next/navigation';
import { getSession, signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '@/components/console/api';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, fieldProps } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';
import { PASSWORD_HINT } from '@/domain/accounts/password-rules';

/**
 * Choosing a password through an emailed link. `invite`: the new member is signed in and sent to their
 * home; `reset`: every session was signed out, so the sign-in page follows with a notice.
 */
export function SetPasswordForm({ token, purpose, email }: { token: string; purpose: 'invite' | 'reset'; email?: string }) {
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setErrors({});
    if (password !== confirm) {
      setErrors({ confirm: 'The two passwords differ.' });
      return;
    }
    setBusy(true);
    const url = purpose === 'invite' ? '/api/account/invite' : '/api/account/password-reset/complete';
    const res = await api<{ email: string }>('POST', url, { token, password });
    if (!res.ok) {
      const fields = fieldErrors(res.error);
      setErrors(fields);
      setError(Object.keys(fields).length ? null : res.error.message);
      setBusy(false);
      return;
    }
    if (purpose === 'reset') {
      router.replace(`/signin?notice=password-reset&email=${encodeURIComponent(res.email)}`);
      return;
    }
    const result = await signIn('credentials', { email: res.email, password, redirect: false });
    if (!result || result.error) {
      router.replace(`/signin?email=${encodeURIComponent(res.email)}`);
      return;
    }
    const session = (await getSession()) as { user?: { role?: string } } | null;
    router.replace(session?.user?.role === 'agent' ? '/agent' : '/admin');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {email ? <input type="email" name="username" autoComplete="username" value={email} readOnly hidden /> : null}
      <Field id="password" label="New password" hint={PASSWORD_HINT} error={errors.password}>
        <Input {...fieldProps('password', errors.password, true)} type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field id="confirm" label="Repeat the password" error={errors.confirm}>
        <Input {...fieldProps('confirm', errors.confirm)} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </Field>
      <Button type="submit" loading={busy} className="w-full">
        {purpose === 'invite' ? 'Set password and sign in' : 'Change password'}
      </Button>
    </form>
  );
}
