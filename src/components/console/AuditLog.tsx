'use client';

import { useState } from 'react';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { defaultSettings, SettingsSectionSchema } from '../../domain/settings/schemas';
import { api } from './api';
import { pathLabel, readableValue, type NameLookup } from './audit-labels';
import { diffValues } from './diff';
import { DateTime } from '../ui/DateTime';

export interface AuditItem {
  id: number;
  section: string;
  version: number;
  user: { id: string; name: string; email: string } | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export const SECTION_LABELS: Record<string, string> = {
  mode: 'Mode Settings',
  autoSave: 'Customer info auto-save',
  assignment: 'Customer Assignment Strategy',
  queue: 'Queue',
  submission: 'Submission',
  sensitiveWords: 'Sensitive words',
  satisfaction: 'Satisfaction',
  endOfChat: 'End of chat',
  webhook: 'Message webhook',
};

/** The first save of a section has no stored "before": it replaced the defaults. */
function beforeValue(item: AuditItem): unknown {
  if (item.before !== null && item.before !== undefined) return item.before;
  const section = SettingsSectionSchema.safeParse(item.section);
  return section.success ? defaultSettings(section.data) : undefined;
}

function Entry({ item, names }: { item: AuditItem; names: NameLookup }) {
  const changes = diffValues(beforeValue(item), item.after);
  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-900">
          <span className="font-semibold">{SECTION_LABELS[item.section] ?? item.section}</span>{' '}
          <Badge tone="indigo" className="ml-1">
            change {item.version}
          </Badge>
          <span className="ml-2 text-slate-600">by {item.user ? `${item.user.name} (${item.user.email})` : 'a removed user'}</span>
        </p>
        <DateTime value={item.createdAt} className="text-xs text-slate-500" />
      </div>
      {item.before === null ? <p className="mt-1 text-xs text-slate-500">First save: compared with the defaults.</p> : null}
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Saved without changes.</p>
      ) : (
        <div className="relative mt-2 overflow-x-auto">
          <table className="w-full min-w-[36rem] table-fixed text-left text-xs">
            <caption className="sr-only">Changed settings</caption>
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="w-1/4 py-1 pr-3 font-medium">Setting</th>
                <th scope="col" className="py-1 pr-3 font-medium">Before</th>
                <th scope="col" className="py-1 font-medium">After</th>
              </tr>
            </thead>
            <tbody className="align-top">
              {changes.map((c) => (
                <tr key={c.path}>
                  <td className="break-words py-1 pr-3 text-slate-700">{pathLabel(c.path)}</td>
                  <td className="py-1 pr-3">
                    <p className="whitespace-pre-wrap break-words rounded bg-red-50 px-2 py-1 text-red-800">{readableValue(c.before, names)}</p>
                  </td>
                  <td className="py-1">
                    <p className="whitespace-pre-wrap break-words rounded bg-green-50 px-2 py-1 text-green-800">{readableValue(c.after, names)}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

export function AuditLog({ initial, initialCursor, names = {} }: { initial: AuditItem[]; initialCursor: number | null; names?: NameLookup }) {
  const [items, setItems] = useState(initial);
  const [cursor, setCursor] = useState(initialCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function more() {
    if (cursor === null) return;
    setBusy(true);
    setError(null);
    const res = await api<{ items: AuditItem[]; nextCursor: number | null }>('GET', `/api/admin/audit?cursor=${cursor}`);
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setItems((prev) => [...prev, ...res.items]);
    setCursor(res.nextCursor);
  }

  if (!items.length) {
    return <EmptyState title="No settings changes yet" description="Every saved change to a Chat Settings section appears here, with who made it and what changed." />;
  }

  return (
    <Card>
      <ol className="divide-y divide-slate-100" aria-label="Settings changes, newest first">
        {items.map((item) => (
          <Entry key={item.id} item={item} names={names} />
        ))}
      </ol>
      {error ? <Alert tone="error" className="mx-5 mb-3">{error}</Alert> : null}
      {cursor !== null ? (
        <div className="flex justify-center border-t border-slate-200 px-5 py-3">
          <Button variant="secondary" loading={busy} onClick={more}>
            Load older changes
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
