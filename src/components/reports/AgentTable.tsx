'use client';

import { useMemo, useState } from 'react';
import type { AgentRow } from '@/domain/reports/service';
import { duration, percent } from './state';

type Column = { key: string; label: string; value: (a: AgentRow) => number | string | null; format: (a: AgentRow) => string };

const COLUMNS: Column[] = [
  { key: 'name', label: 'Agent', value: (a) => a.name.toLowerCase(), format: (a) => a.name },
  { key: 'chats', label: 'Chats', value: (a) => a.figures.counts.chats, format: (a) => String(a.figures.counts.chats) },
  { key: 'messages', label: 'Messages sent', value: (a) => a.figures.counts.messagesOut, format: (a) => String(a.figures.counts.messagesOut) },
  { key: 'frt', label: 'First response (median)', value: (a) => a.figures.durations.agentFirstResponse.median, format: (a) => duration(a.figures.durations.agentFirstResponse.median) },
  { key: 'reply', label: 'Reply time (median)', value: (a) => a.figures.durations.replyTime.median, format: (a) => duration(a.figures.durations.replyTime.median) },
  { key: 'handle', label: 'Handle (median)', value: (a) => a.figures.durations.handle.median, format: (a) => duration(a.figures.durations.handle.median) },
  { key: 'missed', label: 'Missed', value: (a) => a.figures.counts.missed, format: (a) => String(a.figures.counts.missed) },
  { key: 'online', label: 'Online', value: (a) => a.onlineSeconds, format: (a) => duration(a.onlineSeconds) },
  { key: 'concurrency', label: 'Concurrency', value: (a) => a.concurrency, format: (a) => (a.concurrency === null ? '–' : a.concurrency.toFixed(2)) },
  { key: 'occupancy', label: 'Occupancy', value: (a) => a.occupancy, format: (a) => percent(a.occupancy) },
  { key: 'csat', label: 'CSAT', value: (a) => a.figures.rates.csat, format: (a) => `${percent(a.figures.rates.csat)}${a.figures.counts.ratings ? ` (${a.figures.counts.ratings})` : ''}` },
];

/** Per-agent figures, sortable by any column (click or Enter/Space on the header button). */
export function AgentTable({ agents }: { agents: AgentRow[] }) {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'chats', desc: true });
  const sorted = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    return [...agents].sort((x, y) => {
      const a = col.value(x);
      const b = col.value(y);
      if (a === b) return x.name.localeCompare(y.name);
      if (a === null) return 1;
      if (b === null) return -1;
      const cmp = a < b ? -1 : 1;
      return sort.desc ? -cmp : cmp;
    });
  }, [agents, sort]);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm" data-testid="agent-table">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={`px-3 py-2 font-medium ${c.key === 'name' ? 'sticky left-0 bg-slate-50' : 'text-right'}`} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="inline-flex items-center gap-1 uppercase focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'name' }))}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.desc ? '▼' : '▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((a) => (
            <tr key={a.agentId}>
              {COLUMNS.map((c) => (
                <td key={c.key} className={`whitespace-nowrap px-3 py-2 ${c.key === 'name' ? 'sticky left-0 bg-white font-medium text-slate-800' : 'text-right text-slate-700'}`}>
                  {c.format(a)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
