'use client';

import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookKind } from '../../../domain/webhooks/catalog';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card, CardBody, CardHeader } from '../../ui/Card';
import { Field, fieldProps } from '../../ui/Field';
import { Input } from '../../ui/Input';
import { api, fieldErrors, type ApiError } from '../api';
import { EndpointPanel, RevealedSecret, type EndpointView } from './EndpointPanel';

export interface WebhookOverview {
  version: number;
  value: {
    offlineMessages: { enabled: boolean; url: string };
    events: { enabled: boolean; url: string };
    push: { enabled: boolean; url: string; eventTypes: WebhookEventType[] };
  };
  endpoints: EndpointView[];
}

interface SaveResult {
  version: number;
  value: WebhookOverview['value'];
  endpoint: EndpointView;
  secret: string | null;
}

function useWebhookState(initial: WebhookOverview) {
  const [state, setState] = useState(initial);
  const endpoint = (kind: WebhookKind) => state.endpoints.find((e) => e.kind === kind) ?? null;
  const setEndpoint = (e: EndpointView) => setState((s) => ({ ...s, endpoints: [...s.endpoints.filter((x) => x.kind !== e.kind), e] }));
  async function save(kind: WebhookKind, input: { enabled: boolean; url: string; eventTypes?: WebhookEventType[] }) {
    const res = await api<SaveResult>('PUT', `/api/admin/webhooks/${kind}`, { ...input, expectedVersion: state.version });
    if (res.ok) {
      setState((s) => ({ version: res.version, value: res.value, endpoints: [...s.endpoints.filter((x) => x.kind !== kind), res.endpoint] }));
    }
    return res;
  }
  return { state, endpoint, setEndpoint, save };
}

function TargetCard({
  kind,
  title,
  description,
  initial,
  endpoint,
  onSave,
  onEndpoint,
}: {
  kind: 'offline' | 'events';
  title: string;
  description: string;
  initial: { enabled: boolean; url: string };
  endpoint: EndpointView | null;
  onSave: (input: { enabled: boolean; url: string }) => Promise<{ ok: true; secret: string | null } | { ok: false; error: ApiError }>;
  onEndpoint: (e: EndpointView) => void;
}) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const [url, setUrl] = useState(initial.url);
  const [saved, setSaved] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const dirty = enabled !== saved.enabled || url !== saved.url;
  const errors = fieldErrors(error, 'value.');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setSuccess(null);
    const res = await onSave({ enabled, url });
    setSaving(false);
    if (!res.ok) return setError(res.error);
    setSaved({ enabled, url });
    setSecret(res.secret);
    setSuccess('Saved.');
  }

  const id = `webhook-${kind}`;
  return (
    <Card as="div">
      <CardHeader title={title} description={description} />
      <form onSubmit={submit}>
        <CardBody className="space-y-4">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid={`${id}-enabled`} />
            Push {kind === 'offline' ? 'offline messages' : 'live-chat event messages'}
          </label>
          <Field id={`${id}-url`} label="Receiving address" hint="An http:// or https:// URL on the public internet." error={errors[kind === 'offline' ? 'offlineMessages.url' : 'events.url'] ?? (error?.code === 'bad_request' ? error.message : null)}>
            <Input {...fieldProps(`${id}-url`, error ? 'x' : null, true)} type="url" placeholder="https://example.com/webhooks/livechat" value={url} onChange={(e) => setUrl(e.target.value)} />
          </Field>
          {error && error.code !== 'bad_request' ? <Alert tone="error">{error.message}</Alert> : null}
          {success ? <Alert tone="success">{success}</Alert> : null}
          {secret ? <RevealedSecret secret={secret} /> : null}
          <div className="flex justify-end">
            <Button type="submit" loading={saving} disabled={!dirty}>
              Save
            </Button>
          </div>
          <EndpointPanel kind={kind} endpoint={endpoint} canTest={Boolean(saved.url)} onChange={onEndpoint} />
        </CardBody>
      </form>
    </Card>
  );
}

/** Settings > Chat > Message Webhook: offline messages and live-chat events, each on/off with its address. */
export function MessageWebhookSettings({ initial }: { initial: WebhookOverview }) {
  const { state, endpoint, setEndpoint, save } = useWebhookState(initial);
  const saver = (kind: 'offline' | 'events') => async (input: { enabled: boolean; url: string }) => {
    const res = await save(kind, input);
    return res.ok ? ({ ok: true, secret: res.secret } as const) : ({ ok: false, error: res.error } as const);
  };
  return (
    <div className="space-y-6">
      <TargetCard
        kind="offline"
        title="Offline messages"
        description="Messages between agents and visitors sent while the other side was offline (including replies to submissions)."
        initial={state.value.offlineMessages}
        endpoint={endpoint('offline')}
        onSave={saver('offline')}
        onEndpoint={setEndpoint}
      />
      <TargetCard
        kind="events"
        title="Live-chat event messages"
        description="Chat started, queued, assigned, transferred and ended, satisfaction, submissions, sensitive-word hits and agent status changes."
        initial={state.value.events}
        endpoint={endpoint('events')}
        onSave={saver('events')}
        onEndpoint={setEndpoint}
      />
    </div>
  );
}

/** Settings > Chat > Message Push Notifications: choose event types and a receiving address, then Confirm. */
export function PushNotificationSettings({ initial }: { initial: WebhookOverview }) {
  const { state, endpoint, setEndpoint, save } = useWebhookState(initial);
  const [types, setTypes] = useState<WebhookEventType[]>(initial.value.push.eventTypes);
  const [url, setUrl] = useState(initial.value.push.url);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const errors = fieldErrors(error, 'value.');

  function toggle(type: WebhookEventType, on: boolean) {
    setTypes((t) => (on ? [...t.filter((x) => x !== type), type] : t.filter((x) => x !== type)));
    setSuccess(null);
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setSuccess(null);
    const ordered = WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t));
    const res = await save('push', { enabled: ordered.length > 0 && url.trim() !== '', url, eventTypes: ordered });
    setSaving(false);
    if (!res.ok) return setError(res.error);
    setSecret(res.secret);
    setSuccess(ordered.length ? `Confirmed: ${ordered.length} event type${ordered.length === 1 ? '' : 's'} will be pushed.` : 'Confirmed: push notifications are off (no event type chosen).');
  }

  return (
    <Card as="div">
      <CardHeader title="Push notifications" description="Choose which messages and events are pushed to your receiving address." />
      <form onSubmit={confirm}>
        <CardBody className="space-y-5">
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Message and event types</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" className="h-4 w-4 rounded border-slate-300" data-testid={`event-type-${type}`} checked={types.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
                  {WEBHOOK_EVENT_LABELS[type]} <code className="text-xs text-slate-400">{type}</code>
                </label>
              ))}
            </div>
            {errors['push.eventTypes'] ? <p className="mt-1 text-sm text-red-600">{errors['push.eventTypes']}</p> : null}
          </fieldset>
          <Field id="push-url" label="Receiving address" hint="An http:// or https:// URL on the public internet." error={errors['push.url'] ?? (error?.code === 'bad_request' ? error.message : null)}>
            <Input {...fieldProps('push-url', error ? 'x' : null, true)} type="url" placeholder="https://example.com/webhooks/livechat" value={url} onChange={(e) => setUrl(e.target.value)} />
          </Field>
          {error && error.code !== 'bad_request' ? <Alert tone="error">{error.message}</Alert> : null}
          {success ? <Alert tone="success">{success}</Alert> : null}
          {secret ? <RevealedSecret secret={secret} /> : null}
          <div className="flex justify-end">
            <Button type="submit" loading={saving} data-testid="push-confirm">
              Confirm
            </Button>
          </div>
          <EndpointPanel kind="push" endpoint={endpoint('push')} canTest={Boolean(state.value.push.url)} onChange={setEndpoint} />
        </CardBody>
      </form>
    </Card>
  );
}
