'use client';

import { Fragment, useCallback, useEffect, useState } from 'react';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '../../../domain/webhooks/catalog';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card, CardBody } from '../../ui/Card';
import { Select } from '../../ui/Input';
import type { DeliveryView } from '../../../domain/webhooks/service';
import { api } from '../api';
import { DateTime } from '../../ui/DateTime';

/** The delivery log rows the admin API returns (type-only import of the domain's view). */
type Delivery = DeliveryView;

interface Filters {
  eventType: string;
  status: string;
  kind: string;
  page: number;
}

const STATUS_TONE: Record<string, 'gray' | 'green' | 'red' | 'indigo' | 'amber'> = {
  pending: 'gray',
  in_flight: 'indigo',
  retrying: 'amber',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
};
const KIND_LABEL = { offline: 'Offline messages', events: 'Live-chat events', push: 'Push notifications' } as const;
const PAGE_SIZE = 20;

/** The delivery log: every delivery with its attempts, filterable by event type, status and endpoint, paged. */
export function DeliveryLog({ initialKind }: { initialKind?: string }) {
  const [filters, setFilters] = useState<Filters>({ eventType: '', status: '', kind: initialKind ?? '', page: 1 });
  const [data, setData] = useState<{ items: Delivery[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(async (f: Filters) => {
    setLoading(true);
    const qs = new URLSearchParams({ eventType: f.eventType, status: f.status, kind: f.kind, page: String(f.page), pageSize: String(PAGE_SIZE) });
    const res = await api<{ items: Delivery[]; total: number }>('GET', `/api/admin/webhooks/deliveries?${qs}`);
    setLoading(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setData({ items: res.items, total: res.total });
  }, []);

  useEffect(() => {
    void load(filters);
  }, [filters, load]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Card>
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="mb-1 block text-slate-600">Event type</span>
            <Select aria-label="Event type" value={filters.eventType} onChange={(e) => set({ eventType: e.target.value })}>
              <option value="">All events</option>
              {[...WEBHOOK_EVENT_TYPES, TEST_EVENT_TYPE].map((t) => (
                <option key={t} value={t}>
                  {t === TEST_EVENT_TYPE ? 'Test' : WEBHOOK_EVENT_LABELS[t as keyof typeof WEBHOOK_EVENT_LABELS]}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-600">Status</span>
            <Select aria-label="Status" value={filters.status} onChange={(e) => set({ status: e.target.value })}>
              <option value="">All statuses</option>
              {Object.keys(STATUS_TONE).map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-600">Endpoint</span>
            <Select aria-label="Endpoint" value={filters.kind} onChange={(e) => set({ kind: e.target.value })}>
              <option value="">All endpoints</option>
              {Object.entries(KIND_LABEL).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </label>
          <Button variant="secondary" onClick={() => void load(filters)} loading={loading} data-testid="deliveries-refresh">
            Refresh
          </Button>
        </div>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {data && data.items.length === 0 ? <p className="text-sm text-slate-500">No deliveries match these filters yet.</p> : null}
        {data && data.items.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="deliveries-table">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-3">Time</th>
                  <th className="py-2 pr-3">Event</th>
                  <th className="py-2 pr-3">Endpoint</th>
                  <th className="py-2 pr-3">Status</th>
                  <th className="py-2 pr-3">Attempts</th>
                  <th className="py-2 pr-3">Codes</th>
                  <th className="py-2 pr-3">Latency</th>
                  <th className="py-2 pr-3">Next retry</th>
                  <th className="py-2" />
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <Fragment key={d.id}>
                    <tr className="border-b border-slate-100" data-testid="delivery-row" data-event={d.eventType} data-status={d.status}>
                      <td className="py-2 pr-3 whitespace-nowrap"><DateTime value={d.createdAt} /></td>
                      <td className="py-2 pr-3">
                        <code className="text-xs">{d.eventType}</code>
                        {d.seq !== null ? <span className="ml-1 text-xs text-slate-400">#{d.seq}</span> : null}
                      </td>
                      <td className="py-2 pr-3">{KIND_LABEL[d.kind]}</td>
                      <td className="py-2 pr-3">
                        <Badge tone={STATUS_TONE[d.status] ?? 'gray'}>{d.status.replace('_', ' ')}</Badge>
                      </td>
                      <td className="py-2 pr-3">{d.attempts}</td>
                      <td className="py-2 pr-3 font-mono text-xs">{d.attemptLog.map((a) => a.statusCode ?? 'ERR').join(' → ') || '—'}</td>
                      <td className="py-2 pr-3">{d.lastLatencyMs !== null ? `${d.lastLatencyMs} ms` : '—'}</td>
                      <td className="py-2 pr-3 whitespace-nowrap"><DateTime value={d.nextAttemptAt} /></td>
                      <td className="py-2">
                        <Button size="sm" variant="ghost" onClick={() => setOpen(open === d.id ? null : d.id)} aria-expanded={open === d.id}>
                          {open === d.id ? 'Hide' : 'Details'}
                        </Button>
                      </td>
                    </tr>
                    {open === d.id ? (
                      <tr className="bg-slate-50">
                        <td colSpan={9} className="p-3 text-xs">
                          <p className="mb-2 text-slate-500">
                            Delivery <code>{d.id}</code>
                            {d.conversationId ? (
                              <>
                                {' '}· conversation <code>{d.conversationId}</code>
                              </>
                            ) : null}
                          </p>
                          <ol className="space-y-2">
                            {d.attemptLog.map((a) => (
                              <li key={a.attempt}>
                                <span className="font-medium">
                                  Attempt {a.attempt}: {a.statusCode !== null ? `HTTP ${a.statusCode}` : 'no response'} · {a.latencyMs} ms · <DateTime value={a.createdAt} style="time-seconds" />
                                </span>
                                {a.error ? <span className="text-red-700"> · {a.error}</span> : null}
                                {a.responseExcerpt ? <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all font-mono text-slate-700">{a.responseExcerpt}</pre> : null}
                              </li>
                            ))}
                          </ol>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {data ? (
          <div className="flex items-center justify-between text-sm text-slate-600">
            <span>
              {data.total} deliver{data.total === 1 ? 'y' : 'ies'} · page {filters.page} of {pages}
            </span>
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" disabled={filters.page <= 1} onClick={() => set({ page: filters.page - 1 })}>
                Previous
              </Button>
              <Button size="sm" variant="secondary" disabled={filters.page >= pages} onClick={() => set({ page: filters.page + 1 })}>
                Next
              </Button>
            </div>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
