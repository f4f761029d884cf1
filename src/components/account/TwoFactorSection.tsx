'use client';

import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../console/api';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';

type Status = { enabled: boolean; required: boolean; recoveryCodesLeft: number };

/** Account > Two-factor sign-in: scan a QR code, confirm a code, keep the recovery codes; or turn it off. */
export function TwoFactorSection({ initial, mustSetUp }: { initial: Status; mustSetUp?: boolean }) {
  const [status, setStatus] = useState(initial);
  const [pending, setPending] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function fail(res: { error: { message: string; details?: unknown; code: string } }) {
    const fields = fieldErrors(res.error);
    setErrors(fields);
    setError(Object.keys(fields).length ? null : res.error.message);
  }

  async function start() {
    setBusy(true);
    setError(null);
    const res = await api<{ secret: string; qrDataUrl: string }>('POST', '/api/account/two-factor/setup');
    setBusy(false);
    if (res.ok) setPending({ secret: res.secret, qrDataUrl: res.qrDataUrl });
    else fail(res);
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    const res = await api<{ recoveryCodes: string[] }>('POST', '/api/account/two-factor/enable', { code });
    setBusy(false);
    if (!res.ok) return fail(res);
    setCodes(res.recoveryCodes);
    setPending(null);
    setCode('');
    setStatus({ ...status, enabled: true, recoveryCodesLeft: res.recoveryCodes.length });
  }

  async function turnOff(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    const res = await api('POST', '/api/account/two-factor/disable', { password });
    setBusy(false);
    if (!res.ok) return fail(res);
    setPassword('');
    setCodes(null);
    setStatus({ ...status, enabled: false, recoveryCodesLeft: 0 });
  }

  return (
    <Card className="scroll-mt-6">
      <div id="two-factor" />
      <CardHeader
        id="account-two-factor"
        title="Two-factor sign-in"
        description={status.enabled ? `On. Signing in asks for a code from your authenticator app (${status.recoveryCodesLeft} recovery codes left).` : 'Off. Turn it on to ask for a code from an authenticator app after your password.'}
      />
      <div className="space-y-4 px-5 py-5">
        {mustSetUp && !status.enabled ? <Alert tone="info">Your workspace requires two-factor sign-in: set it up to continue.</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {codes ? (
          <div className="rounded-md bg-amber-50 p-4 ring-1 ring-inset ring-amber-600/20">
            <p className="text-sm font-medium text-amber-900">Keep these recovery codes somewhere safe. Each works once if you lose your phone. They are shown only now.</p>
            <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm text-slate-900" aria-label="Recovery codes">
              {codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {!status.enabled && !pending ? (
          <Button type="button" loading={busy} onClick={start}>
            Set up two-factor sign-in
          </Button>
        ) : null}
        {pending ? (
          <form onSubmit={confirm} noValidate className="space-y-4">
            <p className="text-sm text-slate-700">Scan this code with an authenticator app (1Password, Google Authenticator, Authy…), then enter the 6-digit code it shows.</p>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={pending.qrDataUrl} alt="QR code to add this account to an authenticator app" width={200} height={200} className="rounded-md ring-1 ring-slate-200" />
            <p className="text-xs text-slate-500">
              Cannot scan? Enter this key in the app: <code className="break-all font-mono text-slate-800">{pending.secret}</code>
            </p>
            <Field id="two-factor-code" label="Code from the app" error={errors.code}>
              <Input {...fieldProps('two-factor-code', errors.code)} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} className="sm:max-w-40" />
            </Field>
            <Button type="submit" loading={busy} disabled={code.trim().length < 6}>
              Turn on
            </Button>
          </form>
        ) : null}
        {status.enabled && !status.required ? (
          <form onSubmit={turnOff} noValidate className="space-y-3 sm:max-w-md">
            <Field id="two-factor-password" label="Password (to turn it off)" error={errors.password}>
              <Input {...fieldProps('two-factor-password', errors.password)} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </Field>
            <Button type="submit" variant="secondary" loading={busy} disabled={!password}>
              Turn off two-factor sign-in
            </Button>
          </form>
        ) : null}
        {status.enabled && status.required ? <p className="text-sm text-slate-600">Your workspace requires two-factor sign-in, so it stays on.</p> : null}
      </div>
    </Card>
  );
}
