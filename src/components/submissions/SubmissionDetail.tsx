'use client';

import { useEffect, useRef } from 'react';
import type { SubmissionDto } from '@/domain/submissions/service';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { DateTime } from '../ui/DateTime';
import { AgentPicker, SegmentedRadioGroup } from '../ui/pickers';
import { Spinner } from '../ui/Spinner';
import { CHANNEL_LABEL, selectClass, STATUS_LABEL, TRIGGER_LABEL, type SubmissionStatus } from './labels';
import { ReplyForm } from './ReplyForm';
import { submitter } from './submissions-state';
import { useSubmission } from './useSubmission';

const STATUSES = (['open', 'in_progress', 'closed'] as SubmissionStatus[]).map((value) => ({ value, label: STATUS_LABEL[value] }));

/** One submission: who and how, status and assignee, the fields, the thread and the reply box. */
export function SubmissionDetail({
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
  const { submission: s, loadError, updateError, updating, load, update, reply } = useSubmission(id, onUpdated);
  const threadEnd = useRef<HTMLDivElement>(null);
  useEffect(() => {
    threadEnd.current?.scrollIntoView({ block: 'end' });
  }, [s?.messages?.length]);

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
  if (!s) {
    return (
      <p className="flex items-center gap-2 p-6 text-sm text-slate-500">
        <Spinner /> Loading…
      </p>
    );
  }

  const fieldKeys = [...Object.keys(labels).filter((k) => k in s.fields), ...Object.keys(s.fields).filter((k) => !(k in labels))];
  const assignees = staff.some((x) => x.id === s.assigneeId) || !s.assigneeId ? staff : [...staff, { id: s.assigneeId, name: s.assigneeName ?? 'Former member' }];

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="submission-detail">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <div className="min-w-0">
          <button type="button" onClick={onBack} className="mb-1 text-sm text-indigo-700 hover:underline md:hidden">
            ← All submissions
          </button>
          <h2 className="truncate text-lg font-semibold text-slate-900" data-testid="submission-title">
            <span className="text-slate-500">#{s.number}</span> {submitter(s)}
          </h2>
          <p className="text-xs text-slate-500">
            {s.mode === 'ticket' ? 'Ticket' : 'Offline message'} · {CHANNEL_LABEL[s.channel] ?? s.channel} · {TRIGGER_LABEL[s.trigger] ?? s.trigger}
            {s.groupName ? ` · For ${s.groupName}` : ''} · <DateTime value={s.createdAt} />
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <SegmentedRadioGroup label="Status" options={STATUSES} value={s.status} onChange={(status) => void update({ status })} disabled={updating} testIdPrefix="status-" />
          <div className="flex items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor="assignee" className="text-xs font-medium text-slate-600">
                Assignee
              </label>
              <AgentPicker
                id="assignee"
                className={selectClass}
                value={s.assigneeId ?? ''}
                disabled={updating}
                onChange={(assigneeId) => void update({ assigneeId: assigneeId || null })}
                agents={assignees}
                selfId={user.id}
                leading={[{ value: '', label: 'Unassigned' }]}
              />
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

      <ReplyForm closed={s.status === 'closed'} onSend={reply} />
    </div>
  );
}
