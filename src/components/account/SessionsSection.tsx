'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { api } from '../console/api';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardBody, CardHeader } from '../ui/Card';

/** Account > Sessions: sign out on every device (POST /api/account/sign-out-everywhere), this one included. */
export function SessionsSection() {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setBusy(true);
    setError(null);
    const res = await api('POST', '/api/account/sign-out-everywhere');
    if (!res.ok) {
      setBusy(false);
      setError(res.error.message);
      return;
    }
    await signOut({ redirect: false });
    window.location.assign('/signin');
  }

  return (
    <Card>
      <CardHeader id="account-sessions" title="Sessions" description="Lost a device, or signed in on a shared computer? End every session at once." />
      <CardBody className="space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {confirming ? (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-slate-700">You will be signed out here too. Continue?</p>
            <Button variant="danger" loading={busy} onClick={() => void signOutEverywhere()} data-testid="sign-out-everywhere-confirm">
              Yes, sign out everywhere
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)} data-testid="sign-out-everywhere">
            Sign out everywhere
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
