'use client';

import type { ReactNode } from 'react';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { AgentPicker } from '../ui/pickers';
import { selectClass } from './labels';
import type { SubmissionFilters } from './submissions-state';

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

/** The inbox's filter bar: status, channel, assignee and a date range. */
export function SubmissionFiltersBar({
  filters,
  filtered,
  hidden,
  user,
  staff,
  onChange,
  onClear,
}: {
  filters: SubmissionFilters;
  filtered: boolean;
  hidden: boolean;
  user: { id: string };
  staff: { id: string; name: string }[];
  onChange: (patch: Partial<SubmissionFilters>) => void;
  onClear: () => void;
}) {
  return (
    <form
      role="search"
      aria-label="Filter submissions"
      className={cn('grid grid-cols-2 items-end gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2.5 sm:flex sm:flex-wrap', hidden && 'hidden md:flex')}
      onSubmit={(e) => e.preventDefault()}
    >
      <FilterField id="f-status" label="Status">
        <select id="f-status" className={selectClass} value={filters.status} onChange={(e) => onChange({ status: e.target.value })}>
          <option value="">All</option>
          <option value="open">Open</option>
          <option value="in_progress">In progress</option>
          <option value="closed">Closed</option>
        </select>
      </FilterField>
      <FilterField id="f-channel" label="Channel">
        <select id="f-channel" className={selectClass} value={filters.channel} onChange={(e) => onChange({ channel: e.target.value })}>
          <option value="">All</option>
          <option value="desktop">Desktop site</option>
          <option value="mobile">Mobile site</option>
          <option value="app">App</option>
        </select>
      </FilterField>
      <FilterField id="f-assignee" label="Assignee">
        <AgentPicker
          id="f-assignee"
          className={selectClass}
          value={filters.assigneeId}
          onChange={(assigneeId) => onChange({ assigneeId })}
          agents={staff}
          selfId={user.id}
          leading={[
            { value: '', label: 'Anyone' },
            { value: 'none', label: 'Unassigned' },
            { value: user.id, label: 'Me' },
          ]}
          excludeSelf
        />
      </FilterField>
      <FilterField id="f-from" label="From">
        <input id="f-from" type="date" className={cn(selectClass, 'pr-2.5')} value={filters.from} max={filters.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
      </FilterField>
      <FilterField id="f-to" label="To">
        <input id="f-to" type="date" className={cn(selectClass, 'pr-2.5')} value={filters.to} min={filters.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
      </FilterField>
      {filtered ? (
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
