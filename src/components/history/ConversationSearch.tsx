'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchResult } from '@/domain/search/service';
import { api } from '../console/api';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';
import { Input, Select } from '../ui/Input';
import { Spinner } from '../ui/Spinner';
import { Highlighted } from './Highlighted';
import { visitorLabel } from '../chat/workspace/ConversationList';
import { DateTime } from '../ui/DateTime';

interface Filters {
  q: string;
  contact: string;
  status: string;
  agentId: string;
  groupId: string;
  tagId: string;
  channel: string;
  rating: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { q: '', contact: '', status: '', agentId: '', groupId: '', tagId: '', channel: '', rating: '', from: '', to: '' };
const STATUS: Record<string, { label: string; tone: 'indigo' | 'amber' | 'gray' | 'green' }> = {
  active: { label: 'Active', tone: 'green' },
  queued: { label: 'Queued', tone: 'amber' },
  unassigned: { label: 'Unassigned', tone: 'amber' },
  ended: { label: 'Ended', tone: 'gray' },
};
const CHANNEL: Record<string, string> = { desktop: 'Desktop site', mobile: 'Mobile site', app: 'App' };
const SEARCH_DELAY_MS = 300;

/** Chat history: search words in messages and filter conversations; a result opens its transcript at the match. */
export function ConversationSearch({
  staff,
  groups,
  tags,
  scopeNote,
}: {
  staff: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  tags: { id: string; name: string }[];
  scopeNote: string;
}) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [debouncedQ, setDebouncedQ] = useState('');
  const [debouncedContact, setDebouncedContact] = useState('');
  const [items, setItems] = useState<SearchResult[] | null>(null);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  // `?q=` (the workspace's command palette "Search…" lands here, F17).
  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q');
    if (q) setFilters((f) => ({ ...f, q: q.slice(0, 200) }));
  }, []);

  useEffect(() => {
    const t = setTimeout(() => setDebouncedQ(filters.q), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [filters.q]);

  useEffect(() => {
    const t = setTimeout(() => setDebouncedContact(filters.contact), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [filters.contact]);

  const load = useCallback(
    async (nextPage: number) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      const params = new URLSearchParams({ page: String(nextPage), limit: '20' });
      for (const [k, v] of Object.entries({ ...filters, q: debouncedQ, contact: debouncedContact })) if (v) params.set(k, v);
      const res = await api<{ items: SearchResult[]; hasMore: boolean }>('GET', `/api/conversations/search?${params}`);
      if (mine !== seq.current) return;
      setLoading(false);
      if (!res.ok) {
        setError(res.error.message);
        return;
      }
      setItems((current) => (nextPage === 1 ? res.items : [...(current ?? []), ...res.items]));
      setHasMore(res.hasMore);
      setPage(nextPage);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- q and contact are applied debounced
    [debouncedQ, debouncedContact, filters.status, filters.agentId, filters.groupId, filters.tagId, filters.channel, filters.rating, filters.from, filters.to],
  );

  useEffect(() => {
    void load(1);
  }, [load]);

  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const filtered = Object.entries(filters).some(([, v]) => v);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-6">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Chat history</h1>
          <p className="text-sm text-slate-500">{scopeNote}</p>
        </div>
        <a href="/agent" className="text-sm text-indigo-700 hover:underline">
          Back to chats
        </a>
      </div>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="mb-4 space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <label htmlFor="history-q" className="sr-only">
          Search messages
        </label>
        <Input id="history-q" type="search" placeholder="Search messages, e.g. refund or 営業時間" value={filters.q} onChange={set('q')} autoFocus data-testid="history-search" />
        <label htmlFor="history-contact" className="sr-only">
          Search by contact
        </label>
        <Input id="history-contact" type="search" placeholder="Contact: name, email or a field value" value={filters.contact} onChange={set('contact')} data-testid="history-contact" />
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <FilterSelect label="Status" value={filters.status} onChange={set('status')} options={Object.entries(STATUS).map(([v, s]) => [v, s.label])} />
          <FilterSelect label="Agent" value={filters.agentId} onChange={set('agentId')} options={staff.map((s) => [s.id, s.name])} />
          <FilterSelect label="Group" value={filters.groupId} onChange={set('groupId')} options={groups.map((g) => [g.id, g.name])} />
          <FilterSelect label="Tag" value={filters.tagId} onChange={set('tagId')} options={tags.map((t) => [t.id, t.name])} testId="history-filter-tag" />
          <FilterSelect label="Channel" value={filters.channel} onChange={set('channel')} options={Object.entries(CHANNEL)} />
          <FilterSelect label="Rating" value={filters.rating} onChange={set('rating')} options={[['rated', 'Rated'], ['unrated', 'Not rated'], ['5', '5 ★'], ['4', '4 ★'], ['3', '3 ★'], ['2', '2 ★'], ['1', '1 ★']]} />
          <label className="text-xs font-medium text-slate-600">
            From
            <Input type="date" value={filters.from} onChange={set('from')} className="mt-1 h-9" />
          </label>
          <label className="text-xs font-medium text-slate-600">
            To
            <Input type="date" value={filters.to} onChange={set('to')} className="mt-1 h-9" />
          </label>
        </div>
        {filtered ? (
          <button type="button" onClick={() => setFilters(NO_FILTERS)} className="text-sm text-indigo-700 hover:underline">
            Clear search and filters
          </button>
        ) : null}
      </form>

      {error ? <Alert tone="error">{error}</Alert> : null}
      {items === null && loading ? (
        <div className="flex justify-center py-12" aria-label="Loading">
          <Spinner />
        </div>
      ) : items && items.length === 0 && !loading ? (
        <EmptyState title={debouncedQ ? 'No messages match your search' : 'No conversations yet'} description={filtered ? 'Try other words or fewer filters.' : 'Finished and ongoing chats you can see appear here.'} />
      ) : (
        <ul className={`divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200 transition-opacity ${loading ? 'opacity-50' : ''}`} data-testid="history-results" aria-busy={loading}>
          {(items ?? []).map((item) => (
            <ResultRow key={item.conversation.id} item={item} />
          ))}
        </ul>
      )}
      {hasMore ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void load(page + 1)} disabled={loading}>
            {loading ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function FilterSelect({ label, value, onChange, options, testId }: { label: string; value: string; onChange: (e: { target: { value: string } }) => void; options: [string, string][]; testId?: string }) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <Select value={value} onChange={onChange} className="mt-1 h-9" data-testid={testId}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </Select>
    </label>
  );
}

function ResultRow({ item }: { item: SearchResult }) {
  const c = item.conversation;
  const status = STATUS[c.status] ?? STATUS.ended;
  const href = `/agent/history/${c.id}${item.match ? `?seq=${item.match.seq}` : ''}`;
  return (
    <li>
      <a href={href} className="block px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none" data-testid="history-result">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium text-slate-900">{visitorLabel(c)}</span>
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="text-xs text-slate-500"><DateTime value={c.startedAt} /></span>
          <span className="text-xs text-slate-500">{CHANNEL[c.channel] ?? c.channel}</span>
          {c.rating ? <span className="text-xs text-amber-700">{`${c.rating.score}/${c.rating.scale} ★`}</span> : null}
          {c.tags.map((t) => (
            <span key={t.id} className="rounded-full px-2 py-0.5 text-xs font-medium text-white" style={{ backgroundColor: t.color }} data-testid="history-tag">
              {t.name}
            </span>
          ))}
          <span className="ml-auto text-xs text-slate-500">{c.agentName ? `with ${c.agentName}` : 'No agent'}{c.groupName ? ` · ${c.groupName}` : ''}</span>
        </div>
        {item.match ? (
          <p className="mt-1 line-clamp-2 break-words text-sm text-slate-700" data-testid="history-snippet">
            <span className="mr-1 text-xs text-slate-400">{item.match.senderType === 'agent' ? 'Agent:' : 'Visitor:'}</span>
            <Highlighted snippet={item.match.snippet} />
          </p>
        ) : null}
      </a>
    </li>
  );
}
