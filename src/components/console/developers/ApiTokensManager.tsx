'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { API_SCOPES, API_SCOPE_LABELS, type ApiScope } from '@/domain/apitokens/scopes';
import type { ApiTokenView } from '@/domain/apitokens/service';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card, CardHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { api, fieldErrors } from '../api';
import { CopyButton } from '../CopyButton';

const EXPIRY = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
] as const;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : null);

/** Console > Workspace > API tokens: create (shown once), list with last use, revoke. Admins only. */
export function ApiTokensManager({ tokens }: { tokens: ApiTokenView[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<{ name: string; scopes: ApiScope[]; days: number | null } | null>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    const expiresAt = draft.days === null ? null : new Date(Date.now() + draft.days * 86_400_000).toISOString();
    const res = await api<{ token: string; item: ApiTokenView }>('POST', '/api/admin/api-tokens', { name: draft.name, scopes: draft.scopes, expiresAt });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      return setError(res.error.code === 'bad_request' ? 'Check the highlighted fields.' : res.error.message);
    }
    setCreated({ token: res.token, name: res.item.name });
    setDraft(null);
    setErrors({});
    setError(null);
    router.refresh();
  };

  const revoke = async (t: ApiTokenView) => {
    const res = await api('DELETE', `/api/admin/api-tokens/${t.id}`);
    setConfirming(null);
    if (!res.ok) setError(res.error.message);
    router.refresh();
  };

  const toggle = (scope: ApiScope) => draft && setDraft({ ...draft, scopes: draft.scopes.includes(scope) ? draft.scopes.filter((s) => s !== scope) : [...draft.scopes, scope] });

  return (
    <Card>
      <CardHeader
        title="Tokens"
        description="Each token has only the scopes you give it. Requests send it as “Authorization: Bearer lc_live_…”. Revoking stops it everywhere within a second."
        actions={
          <span className="flex flex-wrap gap-2">
            <a href="/developers/api" className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 hover:underline">
              API reference
            </a>
            <Button onClick={() => { setDraft({ name: '', scopes: [], days: 90 }); setCreated(null); }} data-testid="token-new">
              New token
            </Button>
          </span>
        }
      />
      <div className="space-y-4 px-5 pb-5">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {created ? (
          <div className="space-y-2 rounded-lg border border-green-200 bg-green-50 p-4" data-testid="token-created">
            <p className="text-sm font-medium text-green-900">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
            <div className="flex flex-wrap items-center gap-2">
              <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900" data-testid="token-value">
                {created.token}
              </code>
              <CopyButton text={created.token} />
            </div>
            <Button variant="ghost" size="sm" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        ) : null}
        {draft ? (
          <form onSubmit={create} noValidate className="space-y-4 rounded-lg bg-slate-50 p-4" data-testid="token-form">
            <label className="block text-sm font-medium text-slate-800">
              Name
              <input
                value={draft.name}
                maxLength={80}
                autoFocus
                placeholder="e.g. CRM sync"
                aria-invalid={!!errors.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                className="mt-1 w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
                data-testid="token-name"
              />
              {errors.name ? <span className="mt-1 block text-xs text-red-700">{errors.name}</span> : null}
            </label>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Scopes</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {API_SCOPES.map((scope) => (
                  <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
                    <input type="checkbox" className="mt-0.5" checked={draft.scopes.includes(scope)} onChange={() => toggle(scope)} data-testid={`scope-${scope}`} />
                    <span>
                      <span className="font-mono text-xs text-slate-900">{scope}</span>
                      <span className="block text-xs text-slate-500">{API_SCOPE_LABELS[scope]}</span>
                    </span>
                  </label>
                ))}
              </div>
              {errors.scopes ? <span className="mt-1 block text-xs text-red-700">{errors.scopes}</span> : null}
            </fieldset>
            <label className="block text-sm font-medium text-slate-800">
              Expires after
              <select
                value={draft.days === null ? 'never' : String(draft.days)}
                onChange={(e) => setDraft({ ...draft, days: e.target.value === 'never' ? null : Number(e.target.value) })}
                className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm"
              >
                {EXPIRY.map((x) => (
                  <option key={x.label} value={x.days === null ? 'never' : String(x.days)}>
                    {x.label}
                  </option>
                ))}
              </select>
            </label>
            <div className="flex gap-2">
              <Button type="submit" loading={busy} data-testid="token-create">
                Create token
              </Button>
              <Button variant="ghost" onClick={() => { setDraft(null); setErrors({}); setError(null); }}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet" description="Create a token for each system that calls the API, with only the scopes it needs." />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="token-list">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0 space-y-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                    {t.name}
                    <code className="font-mono text-xs text-slate-500">{t.displayPrefix}…</code>
                    {t.state === 'active' ? <Badge tone="green">Active</Badge> : t.state === 'expired' ? <Badge tone="amber">Expired</Badge> : <Badge tone="red">Revoked</Badge>}
                  </p>
                  <p className="flex flex-wrap gap-1">
                    {t.scopes.map((s) => (
                      <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                        {s}
                      </span>
                    ))}
                  </p>
                  <p className="text-xs text-slate-500">
                    Created {when(t.createdAt)} · {t.expiresAt ? `expires ${when(t.expiresAt)}` : 'never expires'} ·{' '}
                    {t.lastUsedAt ? `last used ${when(t.lastUsedAt)}${t.lastUsedIp ? ` from ${t.lastUsedIp}` : ''}` : 'never used'}
                    {t.revokedAt ? ` · revoked ${when(t.revokedAt)}` : ''}
                  </p>
                </div>
                {t.state !== 'revoked' ? (
                  confirming === t.id ? (
                    <span className="flex items-center gap-2 text-sm">
                      <span className="text-slate-700">Revoke “{t.name}”?</span>
                      <Button variant="danger" size="sm" onClick={() => void revoke(t)} data-testid="token-revoke-confirm">
                        Revoke
                      </Button>
                      <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
                        Keep
                      </Button>
                    </span>
                  ) : (
                    <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => setConfirming(t.id)} data-testid="token-revoke">
                      Revoke
                    </button>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
