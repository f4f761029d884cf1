'use client';

import { useEffect, useState, type FormEvent } from 'react';
import type { MonitorAgent, MonitorAlert, MonitorQueue } from '@/domain/monitoring/types';
import { api } from '../console/api';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { cn } from '../ui/cn';
import { DateTime } from '../ui/DateTime';
import { Input } from '../ui/Input';
import { since } from './monitor-state';

const STATUS_TONE = { online: 'green', busy: 'amber', offline: 'gray' } as const;
const STATUS_LABEL = { online: 'Online', busy: 'Busy', offline: 'Offline' } as const;
const ALERT_LABEL = { sensitive_word: 'Sensitive word', long_wait: 'Long wait', reply_timeout: 'Reply timeout' } as const;

export function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** The alert feed, newest first; an alert of an open chat can be watched from here. */
export function AlertsCard({ alerts, isOpen, onWatch }: { alerts: MonitorAlert[]; isOpen: (conversationId: string) => boolean; onWatch: (id: string) => void }) {
  return (
    <Card className="min-w-0">
      <CardHeader title="Alerts" description="Sensitive-word hits, long waits and reply timeouts, newest first." />
      <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" data-testid="alert-feed" aria-live="polite">
        {alerts.length === 0 ? <li className="px-5 py-4 text-sm text-slate-500">No alerts.</li> : null}
        {alerts.map((a) => (
          <li key={a.id} className="px-5 py-2 text-sm" data-testid="alert-item">
            <div className="flex items-center gap-2">
              <Badge tone={a.kind === 'sensitive_word' ? (a.action === 'alert' || a.action === 'block' ? 'red' : 'amber') : 'indigo'}>{ALERT_LABEL[a.kind]}</Badge>
              <DateTime value={a.createdAt} style="time-seconds" className="text-xs text-slate-500" />
            </div>
            <p className="mt-1 break-words text-slate-800">{a.text}</p>
            {a.conversationId && isOpen(a.conversationId) ? (
              <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => onWatch(a.conversationId!)}>
                Watch this chat
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function AgentsCard({ agents }: { agents: MonitorAgent[] }) {
  return (
    <Card className="min-w-0">
      <CardHeader title="Agents" />
      <table className="w-full text-sm" data-testid="monitor-agents">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Load / limit</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {agents.map((a) => (
            <tr key={a.id} data-testid="monitor-agent">
              <td className="break-words px-4 py-2 text-slate-900">{a.name}</td>
              <td className="px-4 py-2">
                <Badge tone={STATUS_TONE[a.status]}>{STATUS_LABEL[a.status]}</Badge>
              </td>
              <td className="px-4 py-2 tabular-nums text-slate-700">
                {a.load} / {a.limit}
              </td>
            </tr>
          ))}
          {agents.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-4 py-4 text-slate-500">
                No agent has connected yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </Card>
  );
}

export function QueuesCard({ queues, longWait, now, canEditSettings, onLongWait }: { queues: MonitorQueue[]; longWait: number; now: number; canEditSettings: boolean; onLongWait: (s: number) => void }) {
  return (
    <Card className="min-w-0">
      <CardHeader title="Queues" description={longWait ? `A wait over ${longWait} s raises an alert.` : 'Long-wait alerts are off.'} />
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Queue</th>
            <th className="px-4 py-2 font-medium">Waiting</th>
            <th className="px-4 py-2 font-medium">Longest wait</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {queues.map((q) => (
            <tr key={q.key}>
              <td className="break-words px-4 py-2 text-slate-900">{q.label}</td>
              <td className="px-4 py-2 tabular-nums">{q.length}</td>
              <td className={cn('px-4 py-2 tabular-nums', longWait && q.oldestEnqueuedAt && now - Date.parse(q.oldestEnqueuedAt) > longWait * 1000 ? 'font-medium text-red-700' : 'text-slate-700')}>
                {since(q.oldestEnqueuedAt, now)}
              </td>
            </tr>
          ))}
          {queues.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-4 py-4 text-slate-500">
                Nobody is waiting.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {canEditSettings ? <ThresholdForm value={longWait} onSaved={onLongWait} /> : null}
    </Card>
  );
}

function ThresholdForm({ value, onSaved }: { value: number; onSaved: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => setText(String(value)), [value]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const current = await api<{ value: Record<string, unknown> }>('GET', '/api/admin/settings/monitoring');
    const res = await api<{ value: { longWaitSeconds: number } }>('PUT', '/api/admin/settings/monitoring', { value: { ...(current.ok ? current.value : {}), longWaitSeconds: Number(text) } });
    if (!res.ok) return setMessage({ tone: 'error', text: res.error.message });
    onSaved(res.value.longWaitSeconds);
    setMessage({ tone: 'success', text: 'Saved.' });
  };
  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-2 border-t border-slate-200 px-5 py-3" noValidate>
      <div>
        <label htmlFor="long-wait" className="block text-xs font-medium text-slate-600">
          Long-wait alert after (seconds, 0 = off)
        </label>
        <Input id="long-wait" type="number" min={0} max={86400} value={text} onChange={(e) => setText(e.target.value)} className="mt-1 w-32" />
      </div>
      <Button type="submit" size="md" variant="secondary">
        Save
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </form>
  );
}
