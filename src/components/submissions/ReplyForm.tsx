'use client';

import { useState, type FormEvent } from 'react';
import type { ApiError } from '../console/api';
import { Button } from '../ui/Button';

/** The reply box of a submission: Ctrl+Enter sends; the refusal is shown under it. */
export function ReplyForm({ closed, onSend }: { closed: boolean; onSend: (body: string) => Promise<ApiError | null> }) {
  const [reply, setReply] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!reply.trim()) return setError({ code: 'bad_request', message: 'Write a reply first.' });
    setSending(true);
    setError(null);
    const refused = await onSend(reply);
    setSending(false);
    if (refused) return setError(refused);
    setReply('');
  }

  return (
    <form onSubmit={send} className="border-t border-slate-200 bg-white p-3" noValidate>
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
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void send(e as unknown as FormEvent);
        }}
        placeholder={closed ? 'This request is closed; a reply still reaches the visitor.' : 'Write a reply… the visitor sees it in the chat widget.'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'reply-error' : 'reply-hint'}
        className="block w-full resize-y rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
        data-testid="reply-input"
      />
      <div className="mt-2 flex items-center justify-between gap-3">
        {error ? (
          <p id="reply-error" role="alert" className="text-sm text-red-600">
            {error.message}
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
  );
}
