'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api } from '@/components/console/api';
import { AuthShell } from '@/components/console/AuthShell';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, fieldProps } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!email.trim()) {
      setError('Enter the email address you sign in with.');
      return;
    }
    setBusy(true);
    const res = await api<{ message: string }>('POST', '/api/account/password-reset', { email: email.trim() });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setSent(res.message);
  }

  return (
    <AuthShell
      title="Forgot your password?"
      subtitle="We email you a link to choose a new one."
      footer={
        <Link href="/signin" className="font-medium text-indigo-600 hover:text-indigo-500">
          Back to sign in
        </Link>
      }
    >
      {sent ? (
        <Alert tone="success">{sent}</Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <Field id="email" label="Email">
            <Input {...fieldProps('email')} type="email" autoComplete="email" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Button type="submit" loading={busy} className="w-full">
            Send reset link
          </Button>
        </form>
      )}
    </AuthShell>
  );
}
