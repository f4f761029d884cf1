'use client';

import type { ReactNode } from 'react';
import { useScrollToNewest } from './useScrollToNewest';
import { cn } from '@/components/ui/cn';
import type { UiMessage } from './messages';
import { MessageAttachments } from './attachments/MessageAttachments';
import { FailedNotice, TypingIndicator } from './MessageParts';

/**
 * The conversation transcript. `self` is the side viewing it: their messages align right. Message text is
 * rendered as text (React escapes it), never as HTML.
 */
export function MessageList({
  messages,
  self,
  selfId,
  typing,
  onRetry,
  emptyText,
  children,
}: {
  messages: UiMessage[];
  self: 'visitor' | 'agent';
  /** The viewing staff member: only their own messages align right; every agent message shows its sender's name. */
  selfId?: string;
  typing?: string | null;
  onRetry?: (message: UiMessage) => void;
  emptyText?: string;
  /** Shown after the messages, inside the scroll area (e.g. the widget's leave-a-message form and history). */
  children?: ReactNode;
}) {
  const { listRef, endRef } = useScrollToNewest([messages.length, typing]);

  return (
    <div ref={listRef} className="flex-1 space-y-2 overflow-y-auto px-4 py-4" role="log" aria-live="polite" aria-label="Messages" data-testid="message-list">
      {messages.length === 0 && emptyText ? <p className="py-8 text-center text-sm text-slate-500">{emptyText}</p> : null}
      {messages.map((m) => {
        if (m.whisper) {
          const note = m.noteKind === 'note';
          return (
            <div key={m.id} className="flex flex-col items-center" data-testid={note ? 'note' : 'whisper'}>
              <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-lg border border-dashed border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                <span className="mb-0.5 block text-xs font-medium text-amber-800">
                  {note ? `Internal note by ${m.senderName ?? 'a colleague'}` : `Whisper from ${m.senderName ?? 'a supervisor'}`} · not visible to the visitor
                </span>
                {m.body}
              </div>
            </div>
          );
        }
        if (m.senderType === 'system') {
          return (
            <p key={m.id || m.clientMsgId!} className="py-1 text-center text-xs text-slate-500" data-testid="system-message">
              {m.body}
            </p>
          );
        }
        const mine = m.senderType === self && (!selfId || m.senderId === selfId);
        const showName = (!mine || (selfId && m.senderType === 'agent')) && m.senderName;
        return (
          <div key={m.id || m.clientMsgId!} className={cn('flex flex-col', mine ? 'items-end' : 'items-start')}>
            {showName ? <span className="mb-0.5 px-1 text-xs text-slate-500" data-testid="message-sender">{mine ? `${m.senderName} (you)` : m.senderName}</span> : null}
            {m.attachments?.length ? <MessageAttachments attachments={m.attachments} mine={mine} /> : null}
            {m.body || !m.attachments?.length ? (
              <div
                className={cn(
                  'max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm shadow-sm',
                  mine ? 'rounded-br-sm bg-indigo-600 text-white' : 'rounded-bl-sm bg-white text-slate-900 ring-1 ring-slate-200',
                  (m.attachments?.length ?? 0) > 0 && 'mt-1',
                  m.pending && 'opacity-70',
                  m.failed && 'bg-red-50 text-red-900 ring-1 ring-red-300',
                )}
                data-testid="message"
                data-sender={m.senderType}
              >
                {m.body}
              </div>
            ) : null}
            <span className="mt-0.5 px-1 text-[11px] text-slate-500">
              {m.failed ? (
                <FailedNotice message={m} retryLabel="Retry" onRetry={onRetry} className="text-red-600" />
              ) : m.pending ? (
                <span className={m.retrying ? 'text-amber-700' : undefined} data-testid={m.retrying ? 'message-retrying' : undefined}>
                  {m.retrying ?? 'Sending…'}
                </span>
              ) : (
                new Date(m.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
              )}
            </span>
          </div>
        );
      })}
      {children}
      {typing ? <TypingIndicator text={typing} /> : null}
      <div ref={endRef} />
    </div>
  );
}
