'use client';

import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { useScrollToNewest } from '@/components/chat/useScrollToNewest';
import { cn } from '@/components/ui/cn';
import { FailedNotice, MessageText, TypingIndicator } from '@/components/chat/MessageParts';
import type { UiMessage } from '@/components/chat/messages';
import { t } from '@/widget/i18n';
import type { WidgetLanguage } from '@/shared/languages';
import { groupMessages, initials } from './grouping';

// Files in the transcript are rare: their viewer loads when the first one shows up.
const MessageAttachments = dynamic(() => import('@/components/chat/attachments/MessageAttachments').then((m) => m.MessageAttachments), { ssr: false });

/** Emoji need a font that has them: the system UI font first, then the platforms' colour emoji fonts. */
export const EMOJI_FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"';

/**
 * The visitor's transcript inside the widget: grouped by sender and minute, agent name and avatar on their
 * groups, links made clickable. Scrolls to the newest message on new messages and whenever `scrollKey`
 * changes (the widget was opened).
 */
export function WidgetMessageList({
  messages,
  typing,
  onRetry,
  emptyText,
  scrollKey,
  brand,
  lang,
  showAvatars,
  children,
}: {
  messages: UiMessage[];
  typing: string | null;
  onRetry: (message: UiMessage) => void;
  emptyText: string;
  scrollKey: number;
  brand: { color: string; text: string };
  lang: WidgetLanguage;
  showAvatars: boolean;
  children?: ReactNode;
}) {
  const { listRef, endRef } = useScrollToNewest([messages.length, typing, scrollKey]);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });

  return (
    <div ref={listRef} className="flex-1 space-y-3 overflow-y-auto px-4 py-4" role="log" aria-live="polite" aria-label={t(lang, 'message')} data-testid="message-list">
      {messages.length === 0 ? (
        <p className="py-8 text-center text-sm whitespace-pre-wrap text-slate-600" data-testid="widget-greeting">
          {emptyText}
        </p>
      ) : null}
      {groupMessages(messages).map((group) => {
        if (group.senderType === 'system') {
          return group.messages.map((m) => (
            <p key={m.id || m.clientMsgId!} className="py-1 text-center text-xs text-slate-500" data-testid="system-message">
              {m.body}
            </p>
          ));
        }
        const mine = group.senderType === 'visitor';
        const last = group.messages[group.messages.length - 1];
        return (
          <div key={group.key} className={cn('flex items-end gap-2', mine ? 'justify-end' : 'justify-start')} data-testid="message-group">
            {!mine && showAvatars ? (
              <span aria-hidden="true" className="mb-5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-slate-200 text-[11px] font-semibold text-slate-700" data-testid="agent-avatar">
                {initials(group.senderName)}
              </span>
            ) : null}
            <div className={cn('flex min-w-0 max-w-[85%] flex-col gap-1', mine ? 'items-end' : 'items-start')}>
              {!mine && group.senderName ? <span className="px-1 text-xs text-slate-500" data-testid="agent-name">{group.senderName}</span> : null}
              {group.messages.map((m) => (
                <div key={m.id || m.clientMsgId!} className={cn('flex max-w-full flex-col gap-1', mine ? 'items-end' : 'items-start')}>
                  {m.attachments?.length ? <MessageAttachments attachments={m.attachments} mine={mine} /> : null}
                  {m.body || !m.attachments?.length || m.failed ? (
                    <div
                      className={cn(
                        'whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm shadow-sm',
                        mine ? 'rounded-ee-sm' : 'rounded-es-sm bg-white text-slate-900 ring-1 ring-slate-200',
                        m.pending && 'opacity-70',
                        m.failed && 'bg-red-50 text-red-900 ring-1 ring-red-300',
                      )}
                      style={mine && !m.failed ? { background: brand.color, color: brand.text } : undefined}
                      dir="auto"
                      data-testid="message"
                      data-sender={m.senderType}
                    >
                      <MessageText text={m.body} />
                      {m.failed ? <FailedNotice message={m} retryLabel={t(lang, 'retry')} onRetry={onRetry} className="mt-1 block text-xs text-red-700" /> : null}
                    </div>
                  ) : null}
                </div>
              ))}
              <span className="px-1 text-[11px] text-slate-500">{last.pending ? t(lang, 'sending') : last.failed ? null : time(last.createdAt)}</span>
            </div>
          </div>
        );
      })}
      {children}
      {typing ? <TypingIndicator text={typing} /> : null}
      <div ref={endRef} />
    </div>
  );
}
