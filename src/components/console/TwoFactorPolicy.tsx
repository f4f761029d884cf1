'use client';

import { useState } from 'react';
import { Alert } from '../ui/Alert';
import { Card, CardHeader } from '../ui/Card';
import { api } from './api';

/** Team > Agents: require two-factor sign-in of every member (the admin must have it on first). */
export function TwoFactorPolicy({ initial }: { initial: boolean }) {
  const [required, setRequired] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setBusy(true);
    setError(null);
    const res = await api<{ requireTwoFactor: boolean }>('PUT', '/api/admin/security', { requireTwoFactor: next });
    setBusy(false);
    if (res.ok) setRequired(res.requireTwoFactor);
    else setError(res.error.message);
  }

  return (
    <Card>
      <CardHeader title="Two-factor sign-in" description="When required, members who have not turned it on are asked to set it up before they can use the console or the agent workspace." />
      <div className="space-y-3 px-5 py-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <label className="flex items-center gap-3 text-sm text-slate-800">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300 text-indigo-600" checked={required} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />
          Require two-factor sign-in for everyone in this workspace
        </label>
      </div>
    </Card>
  );
}
