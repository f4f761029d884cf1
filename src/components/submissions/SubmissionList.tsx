'use client';

import type { SubmissionDto } from '@/domain/submissions/service';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { DateTime } from '../ui/DateTime';
import { Spinner } from '../ui/Spinner';
import { STATUS_LABEL, STATUS_TONE } from './labels';
import { submitter, type InboxState } from './submissions-state';

/** The inbox's list column: live "new" banner, loading/empty/error states, the items and "Load more". */
export function SubmissionList({ state, filtered, onReload, onMore, onSelect }: { state: InboxState; filtered: boolean; onReload: () => void; onMore: () => void; onSelect: (id: string) => void }) {
  const { items, selectedId, newCount, loading, error, cursor, loadingMore } = state;
  return (
    <section aria-label="Submissions" className={cn('w-full shrink-0 overflow-y-auto border-r border-slate-200 bg-white md:w-96', selectedId && 'hidden md:block')}>
      {error ? (
        <div className="p-4">
          <Alert tone="error">
            Could not load submissions: {error}{' '}
            <button type="button" className="font-medium underline" onClick={onReload}>
              Try again
            </button>
          </Alert>
        </div>
      ) : null}
      {newCount > 0 ? (
        <button
          type="button"
          onClick={onReload}
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
      ) : items && items.length === 0 && !error ? (
        <div className="p-6 text-center" data-testid="submissions-empty">
          <p className="text-sm font-medium text-slate-900">{filtered ? 'No submissions match these filters.' : 'No submissions yet.'}</p>
          <p className="mt-1 text-sm text-slate-500">{filtered ? 'Try other filters.' : 'When visitors leave a message (Settings > Chat > Submission), it shows up here.'}</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="submission-list">
          {(items ?? []).map((s: SubmissionDto) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onSelect(s.id)}
                aria-current={s.id === selectedId ? 'true' : undefined}
                className={cn(
                  'block w-full px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                  s.id === selectedId && 'bg-indigo-50 hover:bg-indigo-50',
                )}
                data-testid="submission-item"
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate text-sm font-medium text-slate-900">
                    <span className="text-slate-500">#{s.number}</span> {submitter(s)}
                  </span>
                  <Badge tone={STATUS_TONE[s.status]}>{STATUS_LABEL[s.status]}</Badge>
                </span>
                {s.fields.content ? <span className="mt-0.5 block truncate text-sm text-slate-600">{s.fields.content}</span> : null}
                <span className="mt-1 flex justify-between gap-2 text-xs text-slate-500">
                  <DateTime value={s.createdAt} />
                  <span className="truncate">
                    {s.groupName ? <span data-testid="submission-group">{s.groupName} · </span> : null}
                    {s.assigneeName ?? 'Unassigned'}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {cursor && !loading ? (
        <div className="p-3">
          <Button variant="secondary" className="w-full" loading={loadingMore} onClick={onMore} data-testid="load-more">
            Load more
          </Button>
        </div>
      ) : null}
    </section>
  );
}
