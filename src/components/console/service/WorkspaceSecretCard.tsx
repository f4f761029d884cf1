'use client';

import { useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card, CardBody, CardHeader } from '../../ui/Card';
import { api } from '../api';
import { CopyButton } from '../CopyButton';

/** Admin only (the page checks): the HMAC secret for data-partnerid-hash (F2), hidden until shown, rotatable. */
export function WorkspaceSecretCard({ initialSecret }: { initialSecret: string }) {
  const [secret, setSecret] = useState(initialSecret);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function rotate() {
    if (!window.confirm('Rotate the secret? Hashes computed with the current secret stop verifying at once.')) return;
    setBusy(true);
    const res = await api<{ secret: string }>('POST', '/api/admin/workspace/secret');
    setBusy(false);
    if (res.ok) {
      setSecret(res.secret);
      setShown(true);
      setMessage({ tone: 'success', text: 'New secret generated. Update your servers.' });
    } else setMessage({ tone: 'error', text: res.error.message });
  }

  return (
    <Card>
      <CardHeader
        title="Identity verification secret"
        description="Your server computes data-partnerid-hash = hex(HMAC-SHA256(secret, partnerid)). Keep it on your server: never put it in a web page or app."
        actions={<CopyButton text={secret} label="Copy secret" />}
      />
      <CardBody className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-slate-100 px-2 py-1 text-sm text-slate-800" data-testid="workspace-secret">
            {shown ? secret : '•'.repeat(32)}
          </code>
          <Button variant="secondary" size="sm" onClick={() => setShown((s) => !s)}>
            {shown ? 'Hide' : 'Show'}
          </Button>
          <Button variant="danger" size="sm" loading={busy} onClick={() => void rotate()}>
            Rotate secret
          </Button>
        </div>
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs text-slate-800">
          <code>{`// Node.js\nconst hash = crypto.createHmac('sha256', SECRET).update(partnerId).digest('hex');`}</code>
        </pre>
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </CardBody>
    </Card>
  );
}
