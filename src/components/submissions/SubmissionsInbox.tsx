'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { SubmissionDto } from '@/domain/submissions/service';
import { api, type ApiError } from '../console/api';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { Spinner } from '../ui/Spinner';
import { DateTime } from '../ui/DateTime';

type Status = SubmissionDto['status'];
const STATUS_LABEL: Record<Status, string> = { open: 'Open', in_progress: 'In progress', closed: 'Closed' };
const STATUS_TONE: Record<Status, 'indigo' | 'amber' | 'gray'> = { open: 'indigo', in_progress: 'amber', closed: 'gray' };
const CHANNEL_LABEL: Record<string, string> = { desktop: 'Desktop site', mobile: 'Mobile site', app: 'App' };
const TRIGGER_LABEL: Record<string, string> = {
  queue_full: 'Queue full',
  queue_timeout: 'Queue timeout',
  outside_working_hours: 'Outside working hours',
  no_agent_online: 'No agent online',
};

interface Filters {
  status: string;
  channel: string;
  assigneeId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { status: '', channel: '', assigneeId: '', from: '', to: '' };

const selectClass =
  'h-9 w-full rounded-md border-0 bg-white px-2.5 sm:w-auto pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600';

function who(s: SubmissionDto): string {
  return s.fields.name || s.fields.email || s.fields.phone || 'Visitor';
}

/** Submissions inbox: filter bar, keyset-paginated list, and a detail pane with the thread and reply box. */
export function SubmissionsInbox({
  user,
  staff,
  labels,
}: {
  user: { id: string; name: string; role: string };
  staff: { id: string; name: string }[];
  labels: Record<string, string>;
}) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState<SubmissionDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** Submissions announced live since the list was last loaded. */
  const [newCount, setNewCount] = useState(0);
  const requestSeq = useRef(0);

  const query = useCallback(
    (after: string | null) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
      if (after) params.set('cursor', after);
      params.set('limit', '25');
      return `/api/submissions?${params}`;
    },
    [filters],
  );

  const load = useCallback(async () => {
    const seq = ++requestSeq.current;
    setLoading(true);
    setListError(null);
    const res = await api<{ items: SubmissionDto[]; nextCursor: string | null }>('GET', query(null));
    if (seq !== requestSeq.current) return; // a newer filter won
    setLoading(false);
    if (!res.ok) {
      setListError(res.error.message);
      setItems([]);
      return;
    }
    setItems(res.items);
    setCursor(res.nextCursor);
    setNewCount(0);
  }, [query]);

  useEffect(() => {
    void load();
  }, [load]);

  // New submissions arrive live over the staff socket; the list refreshes when the user asks (it keeps
  // their place and filters until then).
  // Live updates are a convenience: without the socket the list still works, so errors are not shown.
  useEffect(
    () =>
      connectStaffSocket({
        namespace: '/agent',
        callbackPath: '/agent/submissions',
        attach: (socket) => socket.on('submission.created', () => setNewCount((n) => n + 1)),
      }),
    [],
  );

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    const res = await api<{ items: SubmissionDto[]; nextCursor: string | null }>('GET', query(cursor));
    setLoadingMore(false);
    if (!res.ok) {
      setListError(res.error.message);
      return;
    }
    setItems((current) => [...(current ?? []), ...res.items.filter((i) => !(current ?? []).some((c) => c.id === i.id))]);
    setCursor(res.nextCursor);
  }

  const onUpdated = (s: SubmissionDto) => setItems((current) => (current ?? []).map((x) => (x.id === s.id ? { ...x, ...s, messages: undefined } : x)));
  const setFilter = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <div className="flex h-dvh flex-col bg-slate-100">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <div className="flex items-center gap-3">
          <h1 className="font-semibold text-slate-900">Submissions</h1>
          <span className="hidden text-xs text-slate-500 sm:inline">Messages and tickets left when nobody could chat</span>
        </div>
        <nav aria-label="Workspace" className="flex items-center gap-3 text-sm">
          <a href="/agent" className="text-indigo-700 hover:underline">
            Agent workspace
          </a>
          {user.role !== 'agent' ? (
            <a href="/admin" className="text-indigo-700 hover:underline">
              Console
            </a>
          ) : null}
          <span className="hidden text-slate-500 sm:inline">{user.name}</span>
        </nav>
      </header>

      <form
        role="search"
        aria-label="Filter submissions"
        className={cn('grid grid-cols-2 items-end gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2.5 sm:flex sm:flex-wrap', selectedId && 'hidden md:flex')}
        onSubmit={(e) => e.preventDefault()}>
        <FilterField id="f-status" label="Status">
          <select id="f-status" className={selectClass} value={filters.status} onChange={(e) => setFilter({ status: e.target.value })}>
            <option value="">All</option>
            <option value="open">Open</option>
            <option value="in_progress">In progress</option>
            <option value="closed">Closed</option>
          </select>
        </FilterField>
        <FilterField id="f-channel" label="Channel">
          <select id="f-channel" className={selectClass} value={filters.channel} onChange={(e) => setFilter({ channel: e.target.value })}>
            <option value="">All</option>
            <option value="desktop">Desktop site</option>
            <option value="mobile">Mobile site</option>
            <option value="app">App</option>
          </select>
        </FilterField>
        <FilterField id="f-assignee" label="Assignee">
          <select id="f-assignee" className={selectClass} value={filters.assigneeId} onChange={(e) => setFilter({ assigneeId: e.target.value })}>
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            <option value={user.id}>Me</option>
            {staff
              .filter((s) => s.id !== user.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </FilterField>
        <FilterField id="f-from" label="From">
          <input id="f-from" type="date" className={cn(selectClass, 'pr-2.5')} value={filters.from} max={filters.to || undefined} onChange={(e) => setFilter({ from: e.target.value })} />
        </FilterField>
        <FilterField id="f-to" label="To">
          <input id="f-to" type="date" className={cn(selectClass, 'pr-2.5')} value={filters.to} min={filters.from || undefined} onChange={(e) => setFilter({ to: e.target.value })} />
        </FilterField>
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        ) : null}
      </form>

      <div className="flex min-h-0 flex-1">
        <section aria-label="Submissions" className={cn('w-full shrink-0 overflow-y-auto border-r border-slate-200 bg-white md:w-96', selectedId && 'hidden md:block')}>
          {listError ? (
            <div className="p-4">
              <Alert tone="error">
                Could not load submissions: {listError}{' '}
                <button type="button" className="font-medium underline" onClick={() => void load()}>
                  Try again
                </button>
              </Alert>
            </div>
          ) : null}
          {newCount > 0 ? (
            <button
              type="button"
              onClick={() => void load()}
              className="w-full border-b border-indigo-100 bg-indigo-50 px-4 py-2 text-left text-sm font-medium text-indigo-800 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
              data-testid="submissions-new"
            >
              {newCount === 1 ? '1 new submission' : `${newCount} new submissions`} — show
            </button>
          ) : null}
          {loading ? (
            <p className="flex items-center gap-2 p-4 text-sm text-slate-500">
              <Spinner /> Loading submissions…
            </p>
          ) : items && items.length === 0 && !listError ? (
            <div className="p-6 text-center" data-testid="submissions-empty">
              <p className="text-sm font-medium text-slate-900">{filtered ? 'No submissions match these filters.' : 'No submissions yet.'}</p>
              <p className="mt-1 text-sm text-slate-500">
                {filtered ? 'Try other filters.' : 'When visitors leave a message (Settings > Chat > Submission), it shows up here.'}
              </p>
            </div>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="submission-list">
              {(items ?? []).map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    onClick={() => setSelectedId(s.id)}
                    aria-current={s.id === selectedId ? 'true' : undefined}
                    className={cn(
                      'block w-full px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                      s.id === selectedId && 'bg-indigo-50 hover:bg-indigo-50',
                    )}
                    data-testid="submission-item"
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="min-w-0 truncate text-sm font-medium text-slate-900">
                        <span className="text-slate-500">#{s.number}</span> {who(s)}
                      </span>
                      <Badge tone={STATUS_TONE[s.status]}>{STATUS_LABEL[s.status]}</Badge>
                    </span>
                    {s.fields.content ? <span className="mt-0.5 block truncate text-sm text-slate-600">{s.fields.content}</span> : null}
                    <span className="mt-1 flex justify-between gap-2 text-xs text-slate-500">
                      <DateTime value={s.createdAt} />
                      <span className="truncate">{s.assigneeName ?? 'Unassigned'}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {cursor && !loading ? (
            <div className="p-3">
              <Button variant="secondary" className="w-full" loading={loadingMore} onClick={() => void loadMore()} data-testid="load-more">
                Load more
              </Button>
            </div>
          ) : null}
        </section>

        <main className={cn('min-w-0 flex-1 flex-col', selectedId ? 'flex' : 'hidden md:flex')}>
          {selectedId ? (
            <SubmissionDetail key={selectedId} id={selectedId} user={user} staff={staff} labels={labels} onUpdated={onUpdated} onBack={() => setSelectedId(null)} />
          ) : (
            <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-slate-500">Select a submission to read and answer it.</div>
          )}
        </main>
      </div>
    </div>
  );
}

function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

function SubmissionDetail({
  id,
  user,
  staff,
  labels,
  onUpdated,
  onBack,
}: {
  id: string;
  user: { id: string; name: string };
  staff: { id: string; name: string }[];
  labels: Record<string, string>;
  onUpdated: (s: SubmissionDto) => void;
  onBack: () => void;
}) {
  const [submission, setSubmission] = useState<SubmissionDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [updateError, setUpdateError] = useState<string | null>(null);
  const [updating, setUpdating] = useState(false);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const threadEnd = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    const res = await api<{ submission: SubmissionDto }>('GET', `/api/submissions/${id}`);
    if (res.ok) setSubmission(res.submission);
    else setLoadError(res.error.message);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    threadEnd.current?.scrollIntoView({ block: 'end' });
  }, [submission?.messages?.length]);

  async function update(patch: { status?: string; assigneeId?: string | null }) {
    setUpdating(true);
    setUpdateError(null);
    const res = await api<{ submission: SubmissionDto }>('PATCH', `/api/submissions/${id}`, patch);
    setUpdating(false);
    if (!res.ok) {
      setUpdateError(res.error.message);
      return;
    }
    setSubmission(res.submission);
    onUpdated(res.submission);
  }

  async function sendReply(e: FormEvent) {
    e.preventDefault();
    if (!reply.trim()) {
      setReplyError({ code: 'bad_request', message: 'Write a reply first.' });
      return;
    }
    setSending(true);
    setReplyError(null);
    const res = await api<{ submission: SubmissionDto }>('POST', `/api/submissions/${id}/replies`, { body: reply });
    setSending(false);
    if (!res.ok) {
      setReplyError(res.error);
      return;
    }
    setReply('');
    setSubmission(res.submission);
    onUpdated(res.submission);
  }

  if (loadError) {
    return (
      <div className="p-6">
        <Alert tone="error">
          {loadError}{' '}
          <button type="button" className="font-medium underline" onClick={() => void load()}>
            Try again
          </button>
        </Alert>
      </div>
    );
  }
  if (!submission) {
    return (
      <p className="flex items-center gap-2 p-6 text-sm text-slate-500">
        <Spinner /> Loading…
      </p>
    );
  }

  const s = submission;
  const fieldKeys = [...Object.keys(labels).filter((k) => k in s.fields), ...Object.keys(s.fields).filter((k) => !(k in labels))];
  const assigneeOptions = staff.some((x) => x.id === s.assigneeId) || !s.assigneeId ? staff : [...staff, { id: s.assigneeId, name: s.assigneeName ?? 'Former member' }];

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="submission-detail">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <div className="min-w-0">
          <button type="button" onClick={onBack} className="mb-1 text-sm text-indigo-700 hover:underline md:hidden">
            ← All submissions
          </button>
          <h2 className="truncate text-lg font-semibold text-slate-900" data-testid="submission-title">
            <span className="text-slate-500">#{s.number}</span> {who(s)}
          </h2>
          <p className="text-xs text-slate-500">
            {s.mode === 'ticket' ? 'Ticket' : 'Offline message'} · {CHANNEL_LABEL[s.channel] ?? s.channel} · {TRIGGER_LABEL[s.trigger] ?? s.trigger} · <DateTime value={s.createdAt} />
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div role="radiogroup" aria-label="Status" className="flex rounded-lg bg-slate-100 p-0.5">
            {(['open', 'in_progress', 'closed'] as Status[]).map((st) => (
              <button
                key={st}
                type="button"
                role="radio"
                aria-checked={s.status === st}
                disabled={updating}
                onClick={() => s.status !== st && void update({ status: st })}
                className={cn(
                  'rounded-md px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600',
                  s.status === st ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
                )}
                data-testid={`status-${st}`}
              >
                {STATUS_LABEL[st]}
              </button>
            ))}
          </div>
          <div className="flex items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor="assignee" className="text-xs font-medium text-slate-600">
                Assignee
              </label>
              <select
                id="assignee"
                className={selectClass}
                value={s.assigneeId ?? ''}
                disabled={updating}
                onChange={(e) => void update({ assigneeId: e.target.value || null })}
              >
                <option value="">Unassigned</option>
                {assigneeOptions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.id === user.id ? `${a.name} (me)` : a.name}
                  </option>
                ))}
              </select>
            </div>
            {s.assigneeId !== user.id ? (
              <Button variant="secondary" size="sm" className="h-9" disabled={updating} onClick={() => void update({ assigneeId: user.id })} data-testid="assign-to-me">
                Assign to me
              </Button>
            ) : null}
          </div>
        </div>
      </div>
      {updateError ? (
        <Alert tone="error" className="mx-4 mt-3">
          {updateError}
        </Alert>
      ) : null}

      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
        <section aria-label="Submitted fields" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {fieldKeys.map((k) => (
              <div key={k} className={cn(k === 'content' && 'sm:col-span-2')}>
                <dt className="text-xs font-medium text-slate-500">{labels[k] ?? k.replace(/^custom\./, '')}</dt>
                <dd className="whitespace-pre-wrap break-words text-sm text-slate-900" data-field={k}>
                  {s.fields[k]}
                </dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-label="Conversation" className="mt-4 space-y-3" data-testid="submission-thread">
          {(s.messages ?? []).length === 0 ? <p className="text-center text-sm text-slate-500">No replies yet.</p> : null}
          {(s.messages ?? []).map((m) => (
            <div key={m.id} className={cn('flex flex-col', m.authorType === 'agent' ? 'items-end' : 'items-start')}>
              <span className="mb-0.5 px-1 text-xs text-slate-500">
                {m.authorType === 'agent' ? (m.authorName ?? 'Agent') : 'Visitor'} · <DateTime value={m.createdAt} />
              </span>
              <div
                className={cn(
                  'max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm shadow-sm',
                  m.authorType === 'agent' ? 'rounded-br-sm bg-indigo-600 text-white' : 'rounded-bl-sm bg-white text-slate-900 ring-1 ring-slate-200',
                )}
                data-testid="thread-message"
                data-author={m.authorType}
              >
                {m.body}
              </div>
            </div>
          ))}
          <div ref={threadEnd} />
        </section>
      </div>

      <form onSubmit={sendReply} className="border-t border-slate-200 bg-white p-3" noValidate>
        <label htmlFor="reply" className="sr-only">
          Reply to the visitor
        </label>
        <textarea
          id="reply"
          rows={3}
          maxLength={5000}
          value={reply}
          onChange={(e) => {
            setReply(e.target.value);
            setReplyError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void sendReply(e as unknown as FormEvent);
          }}
          placeholder={s.status === 'closed' ? 'This request is closed; a reply still reaches the visitor.' : 'Write a reply… the visitor sees it in the chat widget.'}
          aria-invalid={replyError ? true : undefined}
          aria-describedby={replyError ? 'reply-error' : 'reply-hint'}
          className="block w-full resize-y rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
          data-testid="reply-input"
        />
        <div className="mt-2 flex items-center justify-between gap-3">
          {replyError ? (
            <p id="reply-error" role="alert" className="text-sm text-red-600">
              {replyError.message}
            </p>
          ) : (
            <p id="reply-hint" className="text-xs text-slate-500">
              Ctrl+Enter to send. An open request moves to “In progress”.
            </p>
          )}
          <Button type="submit" loading={sending} className="shrink-0 whitespace-nowrap" data-testid="reply-send">
            Send reply
          </Button>
        </div>
      </form>
    </div>
  );
}
