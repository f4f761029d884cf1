'use client';

import { useState } from 'react';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { api } from './api';

/** On an invited member's page: they have not set a password yet; the admin can send a fresh link. */
export function ResendInvitation({ agentId, email }: { agentId: string; email: string }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function resend() {
    setBusy(true);
    setStatus(null);
    const res = await api('POST', `/api/admin/agents/${agentId}/invite`);
    setBusy(false);
    setStatus(res.ok ? { tone: 'success', text: `A new invitation was sent to ${email}. The earlier link no longer works.` } : { tone: 'error', text: res.error.message });
  }

  return (
    <Card className="mb-6">
      <CardHeader
        title="Invitation pending"
        description={`${email} has not chosen a password yet, so this account cannot sign in. Invitation links expire after 7 days.`}
        actions={
          <Button type="button" variant="secondary" loading={busy} onClick={resend}>
            Resend invitation
          </Button>
        }
      />
      {status ? (
        <div className="px-5 py-3">
          <Alert tone={status.tone}>{status.text}</Alert>
        </div>
      ) : null}
    </Card>
  );
}
