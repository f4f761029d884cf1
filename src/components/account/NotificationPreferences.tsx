'use client';

import { useState } from 'react';
import { api } from '@/components/console/api';
import { Alert } from '@/components/ui/Alert';
import { Card, CardHeader } from '@/components/ui/Card';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind } from '@/domain/email/notification-kinds';

/** An account section: which notification emails the user gets while away from the agent workspace. */
export function NotificationPreferences({ initial }: { initial: Record<NotificationKind, boolean> }) {
  const [prefs, setPrefs] = useState(initial);
  const [saving, setSaving] = useState<NotificationKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function toggle(kind: NotificationKind, on: boolean) {
    setSaving(kind);
    setError(null);
    const res = await api<{ email: Record<NotificationKind, boolean> }>('PUT', '/api/account/notifications', { email: { [kind]: on } });
    setSaving(null);
    if (res.ok) setPrefs(res.email);
    else setError(res.error.message);
  }

  return (
    <Card>
      <CardHeader
        id="email-notifications"
        title="Email notifications"
        description="When no agent workspace tab of yours is open for 2 minutes, we email you about these. One email per chat, with its latest messages."
      />
      <fieldset className="px-5 py-4">
        <legend className="sr-only">Email me when</legend>
        {error ? <Alert tone="error" className="mb-3">{error}</Alert> : null}
        <ul className="space-y-3">
          {NOTIFICATION_KINDS.map((kind) => (
            <li key={kind}>
              <label className="flex items-center gap-3 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
                  checked={prefs[kind]}
                  disabled={saving === kind}
                  onChange={(e) => void toggle(kind, e.target.checked)}
                />
                {NOTIFICATION_LABELS[kind]}
                {saving === kind ? <span className="text-xs text-slate-500">Saving…</span> : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </Card>
  );
}
