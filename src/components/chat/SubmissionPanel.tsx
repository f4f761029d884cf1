'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { SubmissionDto, SubmissionMessageDto, SubmissionOffer } from '@/domain/submissions/service';
import { SubmissionFormView, submittableValues, validateFieldValues, type FieldErrors, type FieldValues } from '../submissions/SubmissionFormView';
import { cn } from '../ui/cn';
import { request } from './socket';
import type { VisitorSocket } from './socket';

const STATUS_LABEL: Record<SubmissionDto['status'], string> = { open: 'Received', in_progress: 'In progress', closed: 'Closed' };

/**
 * The widget's leave-a-message part (F5): the offered form (designed in the console, rendered by the
 * shared SubmissionFormView), the confirmation, and the visitor's submissions with agents' replies
 * (loaded on every connect, live via `submission.reply`), with follow-ups when the workspace allows them.
 * Rendered inside the message list's scroll area, after the chat messages.
 */
export function SubmissionPanel({
  socket,
  connected,
  offer,
  initialContent,
  allowFollowUp,
  onSubmitted,
}: {
  socket: VisitorSocket | null;
  connected: boolean;
  offer: SubmissionOffer | null;
  /** What the visitor had typed when the form was offered: prefills the message field. */
  initialContent?: string | null;
  allowFollowUp: boolean;
  onSubmitted: (submission: SubmissionDto) => void;
}) {
  const [submissions, setSubmissions] = useState<SubmissionDto[]>([]);
  const [values, setValues] = useState<FieldValues>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [confirmation, setConfirmation] = useState<SubmissionDto | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    if (!socket) return;
    const res = await request(socket, 'submissions.list', {});
    if (res.ok) setSubmissions(res.submissions);
  }, [socket]);

  useEffect(() => {
    if (!socket) return;
    const onReply = (e: { submissionId: string; message: SubmissionMessageDto }) => {
      let known = false;
      setSubmissions((all) =>
        all.map((s) => {
          if (s.id !== e.submissionId) return s;
          known = true;
          const messages = s.messages ?? [];
          return messages.some((m) => m.id === e.message.id) ? s : { ...s, status: s.status === 'open' ? 'in_progress' : s.status, messages: [...messages, e.message] };
        }),
      );
      if (!known) void load();
    };
    socket.on('connect', load);
    socket.on('submission.reply', onReply);
    if (socket.connected) void load();
    return () => {
      socket.off('connect', load);
      socket.off('submission.reply', onReply);
    };
  }, [socket, load]);

  // A new offer: fresh form, prefilled with what the visitor had typed, scrolled into view.
  useEffect(() => {
    if (!offer) return;
    setValues({});
    setErrors({});
    setFormError(null);
    setConfirmation(null);
    requestAnimationFrame(() => formRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }, [offer]);

  // The typed text may arrive just after the offer (the chat.start ack comes last).
  useEffect(() => {
    if (offer && initialContent) setValues((v) => (v.content ? v : { ...v, content: initialContent }));
  }, [offer, initialContent]);

  async function submit() {
    if (!offer || !socket) return;
    const local = validateFieldValues(offer.fields, values);
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) {
      focusFirstError(formRef.current);
      return;
    }
    setSubmitting(true);
    const res = await request(socket, 'submission.create', { fields: submittableValues(offer.fields, values) });
    setSubmitting(false);
    if (!res.ok) {
      const details = (res.error as { details?: unknown }).details;
      const byField: FieldErrors = {};
      if (Array.isArray(details)) {
        for (const d of details as { path?: string; message?: string }[]) if (d.path && d.message && offer.fields.some((f) => f.id === d.path)) byField[d.path] ??= d.message;
      }
      setErrors(byField);
      setFormError(Object.keys(byField).length ? 'Please correct the highlighted fields.' : res.error.message);
      focusFirstError(formRef.current);
      return;
    }
    setConfirmation(res.submission);
    setSubmissions((all) => [res.submission, ...all.filter((s) => s.id !== res.submission.id)]);
    onSubmitted(res.submission);
  }

  // Oldest first, like a chat transcript.
  const history = [...submissions].reverse();
  if (!history.length && !offer && !confirmation) return null;

  return (
    <div className="space-y-3 pt-2" data-testid="submission-panel">
      {history.length ? (
        <section aria-label="Your messages" className="space-y-3">
          {history.map((s) => (
            <SubmissionCard key={s.id} submission={s} socket={socket} connected={connected} allowFollowUp={allowFollowUp} onChanged={(next) => setSubmissions((all) => all.map((x) => (x.id === next.id ? next : x)))} />
          ))}
        </section>
      ) : null}
      {confirmation ? (
        <div role="status" className="rounded-lg bg-green-50 px-3 py-2.5 text-sm text-green-900 ring-1 ring-green-600/20" data-testid="submission-confirmation">
          <p className="font-medium">Thanks, we received your message.</p>
          {confirmation.mode === 'ticket' ? (
            <p>
              Your reference number is <strong data-testid="submission-reference">#{confirmation.number}</strong>.
            </p>
          ) : null}
          <p className="mt-1">We&apos;ll reply here as soon as we can; you can leave this page, replies will be here when you come back.</p>
        </div>
      ) : null}
      {offer && !confirmation ? (
        <div ref={formRef} className="scroll-mt-2">
          <SubmissionFormView
            form={offer}
            values={values}
            errors={errors}
            onChange={(id, v) => {
              setValues((all) => ({ ...all, [id]: v }));
              if (errors[id]) setErrors(({ [id]: _drop, ...rest }) => rest);
            }}
            onSubmit={() => void submit()}
            submitting={submitting || !connected}
            formError={formError}
            idPrefix="widget-sub"
          />
        </div>
      ) : null}
    </div>
  );
}

function focusFirstError(root: HTMLElement | null) {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

function SubmissionCard({
  submission: s,
  socket,
  connected,
  allowFollowUp,
  onChanged,
}: {
  submission: SubmissionDto;
  socket: VisitorSocket | null;
  connected: boolean;
  allowFollowUp: boolean;
  onChanged: (s: SubmissionDto) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = `followup-${s.id}`;

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!socket) return;
    if (!text.trim()) {
      setError('Write a message first.');
      return;
    }
    setSending(true);
    setError(null);
    const res = await request(socket, 'submission.append', { submissionId: s.id, body: text });
    setSending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setText('');
    onChanged(res.submission);
  }

  return (
    <article className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200" data-testid="visitor-submission" data-number={s.number}>
      <header className="flex items-center justify-between gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700">{s.mode === 'ticket' ? `Ticket #${s.number}` : 'Your message'}</span>
        <span>
          {STATUS_LABEL[s.status]} · {new Date(s.createdAt).toLocaleDateString([], { month: 'short', day: 'numeric' })}
        </span>
      </header>
      {s.fields.content ? <p className="mt-1.5 whitespace-pre-wrap break-words text-sm text-slate-900">{s.fields.content}</p> : null}
      {(s.messages ?? []).length ? (
        <ul className="mt-2 space-y-1.5 border-t border-slate-100 pt-2">
          {(s.messages ?? []).map((m) => (
            <li key={m.id} className={cn('flex flex-col', m.authorType === 'visitor' ? 'items-end' : 'items-start')}>
              {m.authorType === 'agent' ? <span className="px-1 text-xs text-slate-500">{m.authorName ?? 'Agent'}</span> : null}
              <span
                className={cn(
                  'max-w-[90%] whitespace-pre-wrap break-words rounded-2xl px-3 py-1.5 text-sm',
                  m.authorType === 'visitor' ? 'rounded-br-sm bg-indigo-600 text-white' : 'rounded-bl-sm bg-slate-100 text-slate-900',
                )}
                data-testid="submission-reply"
                data-author={m.authorType}
              >
                {m.body}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-xs text-slate-500">No reply yet. We&apos;ll answer here.</p>
      )}
      {allowFollowUp && s.status !== 'closed' ? (
        <form onSubmit={send} className="mt-2 flex items-start gap-2" noValidate>
          <div className="min-w-0 flex-1">
            <label htmlFor={id} className="sr-only">
              Add to your message
            </label>
            <input
              id={id}
              value={text}
              maxLength={5000}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
              placeholder="Add something…"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className="block h-9 w-full rounded-md border-0 px-2.5 text-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
            />
            {error ? (
              <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
                {error}
              </p>
            ) : null}
          </div>
          <button
            type="submit"
            disabled={sending || !connected}
            className="h-9 shrink-0 rounded-md bg-white px-3 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200 hover:bg-indigo-50 disabled:text-slate-400"
          >
            {sending ? 'Sending…' : 'Add'}
          </button>
        </form>
      ) : null}
    </article>
  );
}
