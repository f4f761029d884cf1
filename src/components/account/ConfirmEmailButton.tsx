'use client';

import Link from 'next/link';
import { useState } from 'react';
import { api } from '../console/api';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';

/** A button, not an automatic GET: mail scanners that open links do not confirm anything. */
export function ConfirmEmailButton({ token, newEmail }: { token: string; newEmail: string }) {
  const [state, setState] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    const res = await api<{ email: string }>('POST', '/api/account/email/confirm', { token });
    setBusy(false);
    setState(res.ok ? { tone: 'success', text: `Done: you sign in with ${res.email} from now on.` } : { tone: 'error', text: res.error.message });
  }
  if (state?.tone === 'success') {
    return (
      <div className="space-y-4">
        <Alert tone="success">{state.text}</Alert>
        <Link href="/account" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Go to your account
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {state ? <Alert tone="error">{state.text}</Alert> : null}
      <Button type="button" loading={busy} onClick={confirm} className="w-full">
        Use {newEmail} to sign in
      </Button>
    </div>
  );
}
