'use client';

import { useEffect } from 'react';
import type { ConversationDto, MessageDto } from '@/domain/conversations/types';
import { MessageAttachments } from '../chat/attachments/MessageAttachments';
import { visitorLabel } from '../chat/workspace/ConversationList';
import { cn } from '../ui/cn';
import { buttonClasses } from '../ui/Button';
import { DateTime } from '../ui/DateTime';

/** A read-only transcript for staff; the message a search found is highlighted and scrolled into view. */
export function TranscriptView({ conversation: c, messages, focusSeq }: { conversation: ConversationDto; messages: MessageDto[]; focusSeq: number | null }) {
  useEffect(() => {
    if (focusSeq !== null) document.getElementById(`m-${focusSeq}`)?.scrollIntoView({ block: 'center' });
  }, [focusSeq]);
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-6">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <a href="/agent/history" className="text-sm text-indigo-700 hover:underline">
            ← Chat history
          </a>
          <h1 className="mt-1 truncate text-xl font-semibold text-slate-900">{visitorLabel(c)}</h1>
          <p className="text-sm text-slate-500">
            {c.agentName ? `With ${c.agentName} · ` : ''}
            <DateTime value={c.startedAt} />
            {c.endedAt ? <> – <DateTime value={c.endedAt} /></> : ' · ongoing'}
          </p>
        </div>
        <div className="flex gap-2">
          <a href={`/api/conversations/${c.id}/transcript?format=txt`} className={buttonClasses('secondary', 'sm')} data-testid="transcript-txt">
            Download text
          </a>
          <a href={`/api/conversations/${c.id}/transcript?format=html`} className={buttonClasses('secondary', 'sm')}>
            Download HTML
          </a>
        </div>
      </div>
      <ol className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="transcript">
        {messages.length === 0 ? <li className="py-6 text-center text-sm text-slate-500">No messages in this conversation.</li> : null}
        {messages.map((m) => {
          const focused = m.seq === focusSeq;
          if (m.senderType === 'system') {
            return (
              <li key={m.id} id={`m-${m.seq}`} className="py-1 text-center text-xs text-slate-500">
                {m.body}
              </li>
            );
          }
          const agent = m.senderType === 'agent';
          return (
            <li key={m.id} id={`m-${m.seq}`} className={cn('flex flex-col', agent ? 'items-end' : 'items-start')} data-focused={focused || undefined}>
              <span className="px-1 text-xs text-slate-500">
                {m.senderName ?? (agent ? 'Agent' : (c.visitorName ?? 'Visitor'))} · <DateTime value={m.createdAt} />
              </span>
              {m.attachments?.length ? <MessageAttachments attachments={m.attachments} mine={agent} /> : null}
              {m.body ? (
                <div
                  className={cn(
                    'max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm',
                    agent ? 'bg-indigo-50 text-slate-900' : 'bg-slate-100 text-slate-900',
                    focused && 'ring-2 ring-amber-400',
                  )}
                  data-testid={focused ? 'transcript-focused' : undefined}
                >
                  {m.body}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
