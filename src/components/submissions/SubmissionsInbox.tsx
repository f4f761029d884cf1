'use client';

import { cn } from '../ui/cn';
import { SubmissionDetail } from './SubmissionDetail';
import { SubmissionFiltersBar } from './SubmissionFiltersBar';
import { SubmissionList } from './SubmissionList';
import { useSubmissionsInbox } from './useSubmissionsInbox';

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
  const inbox = useSubmissionsInbox();
  const { selectedId } = inbox.state;
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

      <SubmissionFiltersBar
        filters={inbox.state.filters}
        filtered={inbox.filtered}
        hidden={selectedId !== null}
        user={user}
        staff={staff}
        onChange={inbox.setFilter}
        onClear={inbox.clearFilters}
      />

      <div className="flex min-h-0 flex-1">
        <SubmissionList state={inbox.state} filtered={inbox.filtered} onReload={() => void inbox.load()} onMore={() => void inbox.loadMore()} onSelect={inbox.select} />
        <main className={cn('min-w-0 flex-1 flex-col', selectedId ? 'flex' : 'hidden md:flex')}>
          {selectedId ? (
            <SubmissionDetail key={selectedId} id={selectedId} user={user} staff={staff} labels={labels} onUpdated={inbox.updated} onBack={() => inbox.select(null)} />
          ) : (
            <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-slate-500">Select a submission to read and answer it.</div>
          )}
        </main>
      </div>
    </div>
  );
}
