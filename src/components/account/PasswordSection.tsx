'use client';

import { signOut } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { PASSWORD_HINT } from '../../domain/accounts/password-rules';
import { api, fieldErrors } from '../console/api';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardFooter, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';

/** Account > Password: the current one, then a new one checked like at sign-up. Every session ends after. */
export function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api('POST', '/api/account/password', { currentPassword: current, newPassword: next });
    if (!res.ok) {
      setBusy(false);
      const fields = fieldErrors(res.error);
      setErrors(fields);
      setError(Object.keys(fields).length ? null : res.error.message);
      return;
    }
    await signOut({ redirect: false });
    window.location.assign('/signin?reason=password-changed');
  }

  return (
    <Card className="scroll-mt-6">
      <form onSubmit={onSubmit} noValidate aria-labelledby="account-password">
        <CardHeader id="account-password" title="Password" description="After the change you sign in again, here and on every other device." />
        <div className="grid gap-4 px-5 py-5 sm:max-w-md">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <Field id="account-current-password" label="Current password" error={errors.currentPassword}>
            <Input {...fieldProps('account-current-password', errors.currentPassword)} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </Field>
          <Field id="account-new-password" label="New password" hint={PASSWORD_HINT} error={errors.newPassword}>
            <Input {...fieldProps('account-new-password', errors.newPassword, true)} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
          </Field>
        </div>
        <CardFooter>
          <Button type="submit" loading={busy} disabled={!current || !next}>
            Change password
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
