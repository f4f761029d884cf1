'use client';

import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../console/api';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardFooter, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';

/** Account > Sign-in email: a new address, confirmed from a link mailed to it (the old one works until then). */
export function EmailChangeSection({ currentEmail }: { currentEmail: string }) {
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    setSentTo(null);
    const res = await api<{ newEmail: string }>('POST', '/api/account/email', { newEmail, password });
    setBusy(false);
    if (!res.ok) {
      const fields = fieldErrors(res.error);
      setErrors(fields);
      setError(Object.keys(fields).length ? null : res.error.message);
      return;
    }
    setSentTo(res.newEmail);
    setPassword('');
  }

  return (
    <Card className="scroll-mt-6">
      <form onSubmit={onSubmit} noValidate aria-labelledby="account-email">
        <CardHeader id="account-email" title="Sign-in email" description={`You sign in with ${currentEmail}. A new address must be confirmed from the email we send to it.`} />
        <div className="grid gap-4 px-5 py-5 sm:max-w-md">
          {error ? <Alert tone="error">{error}</Alert> : null}
          {sentTo ? <Alert tone="success">We sent a confirmation link to {sentTo}. Open it within an hour; until then you keep signing in with {currentEmail}.</Alert> : null}
          <Field id="account-new-email" label="New email address" error={errors.newEmail}>
            <Input {...fieldProps('account-new-email', errors.newEmail)} type="email" autoComplete="email" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} />
          </Field>
          <Field id="account-email-password" label="Current password" error={errors.password}>
            <Input {...fieldProps('account-email-password', errors.password)} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        </div>
        <CardFooter>
          <Button type="submit" loading={busy} disabled={!newEmail || !password}>
            Send confirmation link
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
