'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { WebhookKind } from '../../../domain/webhooks/catalog';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { api } from '../api';
import { CopyButton } from '../CopyButton';

// Type-only: the shape the admin API returns, shared with the domain (no server code reaches the browser).
export type { EndpointView } from '../../../domain/webhooks/service';
import type { EndpointView } from '../../../domain/webhooks/service';
import { DateTime } from '../../ui/DateTime';

interface TestResult {
  deliveryId: string;
  url: string;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  responseExcerpt: string | null;
}

/** A secret shown once (after creation or rotation), with a copy button. */
export function RevealedSecret({ secret }: { secret: string }) {
  return (
    <Alert tone="info">
      <p className="font-medium">Signing secret: copy it now, it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="webhook-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-slate-200">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
    </Alert>
  );
}

/** Secret (hint, rotate), health (auto-disable and why, re-enable), "Send test" with the answer in place. */
export function EndpointPanel({ kind, endpoint, canTest, onChange }: { kind: WebhookKind; endpoint: EndpointView | null; canTest: boolean; onChange: (e: EndpointView) => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState<'rotate' | 'test' | 'enable' | 'format' | null>(null);
  const [format, setFormat] = useState(endpoint?.format ?? 'legacy');
  const [test, setTest] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function rotate() {
    if (!window.confirm('Rotate the signing secret? Receivers must switch to the new secret.')) return;
    setBusy('rotate');
    setError(null);
    const res = await api<{ endpoint: EndpointView; secret: string }>('POST', `/api/admin/webhooks/${kind}/rotate`);
    setBusy(null);
    if (!res.ok) return setError(res.error.message);
    setSecret(res.secret);
    onChange(res.endpoint);
  }

  async function switchFormat(next: 'standard' | 'legacy') {
    const question =
      next === 'standard'
        ? 'Switch to the Standard Webhooks format? A new signing secret is issued and deliveries use the new headers and payload at once: update your receiver (see docs/api.md, “Migrating”).'
        : 'Switch back to the original format (X-Livechat-Signature)? The secret stays the same.';
    if (!window.confirm(question)) return;
    setBusy('format');
    setError(null);
    const res = await api<{ endpoint: EndpointView; secret: string | null }>('PUT', `/api/admin/webhooks/${kind}/format`, { format: next });
    setBusy(null);
    if (!res.ok) return setError(res.error.message);
    setFormat(next);
    if (res.secret) setSecret(res.secret);
    onChange(res.endpoint);
  }

  async function sendTest() {
    setBusy('test');
    setError(null);
    setTest(null);
    const res = await api<{ result: TestResult }>('POST', `/api/admin/webhooks/${kind}/test`);
    setBusy(null);
    if (!res.ok) return setError(res.error.message);
    setTest(res.result);
  }

  async function enable() {
    setBusy('enable');
    const res = await api<{ endpoint: EndpointView }>('POST', `/api/admin/webhooks/${kind}/enable`);
    setBusy(null);
    if (!res.ok) return setError(res.error.message);
    onChange(res.endpoint);
  }

  const ok = test && test.statusCode !== null && test.statusCode >= 200 && test.statusCode < 300;
  return (
    <div className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" data-testid={`endpoint-${kind}`}>
      {endpoint?.disabledAt ? (
        <Alert tone="error">
          <p data-testid="endpoint-disabled-reason">{endpoint.disabledReason ?? 'Disabled automatically after sustained failures.'}</p>
          <Button className="mt-2" size="sm" variant="secondary" loading={busy === 'enable'} onClick={enable}>
            Re-enable
          </Button>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-slate-600">Signing secret:</span>
        {endpoint ? <code className="font-mono text-xs">{endpoint.secretHint}</code> : <span className="text-slate-500">created when you save the address</span>}
        {endpoint ? (
          <Button size="sm" variant="secondary" loading={busy === 'rotate'} onClick={rotate}>
            Rotate secret
          </Button>
        ) : null}
        {endpoint?.failingSince && !endpoint.disabledAt ? <Badge tone="amber">Failing since <DateTime value={endpoint.failingSince} /></Badge> : null}
        {endpoint?.lastSuccessAt ? <Badge tone="green">Last success <DateTime value={endpoint.lastSuccessAt} /></Badge> : null}
      </div>
      {endpoint ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-slate-600">Format:</span>
          <span data-testid={`webhook-format-${kind}`} className="font-medium text-slate-900">
            {format === 'standard' ? 'Standard Webhooks (webhook-signature)' : 'Original (X-Livechat-Signature)'}
          </span>
          <Button size="sm" variant="secondary" loading={busy === 'format'} onClick={() => void switchFormat(format === 'standard' ? 'legacy' : 'standard')}>
            {format === 'standard' ? 'Use the original format' : 'Switch to Standard Webhooks'}
          </Button>
        </div>
      ) : null}
      {secret ? <RevealedSecret secret={secret} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" variant="secondary" data-testid={`send-test-${kind}`} disabled={!canTest} loading={busy === 'test'} onClick={sendTest}>
          Send test
        </Button>
        <Link className="text-sm font-medium text-indigo-600 hover:underline" href={`/admin/live-chat/settings/chat/webhook/deliveries?kind=${kind}`}>
          Delivery log
        </Link>
        {!canTest ? <span className="text-xs text-slate-500">Save a receiving address first.</span> : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {test ? (
        <div data-testid={`test-result-${kind}`} role="status" className={`rounded-md p-3 text-sm ring-1 ring-inset ${ok ? 'bg-green-50 ring-green-600/20' : 'bg-red-50 ring-red-600/20'}`}>
          <p className="font-medium">
            {test.statusCode !== null ? `HTTP ${test.statusCode}` : 'No response'} · {test.latencyMs} ms {test.error ? `· ${test.error}` : ''}
          </p>
          {test.responseExcerpt ? <pre className="mt-2 max-h-40 overflow-auto whitespace-pre-wrap break-all font-mono text-xs text-slate-700">{test.responseExcerpt}</pre> : null}
        </div>
      ) : null}
    </div>
  );
}
