'use client';

import type { ReactNode } from 'react';
import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import type { SubmissionDto } from '@/domain/submissions/service';
import { t } from '@/widget/i18n';

interface Brand {
  color: string;
  text: string;
}

/** "End this chat?" under the header: keeping the chat is the default (focused) choice. */
export function EndConfirm({ lang, brand, onKeep, onEnd }: { lang: WidgetLanguage; brand: Brand; onKeep: () => void; onEnd: () => void }) {
  return (
    <div role="alertdialog" aria-labelledby="end-confirm-text" className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2 text-sm" data-testid="end-confirm">
      <p id="end-confirm-text" className="font-medium text-slate-800">
        {t(lang, 'endConfirm')}
      </p>
      <div className="flex gap-2">
        <button type="button" onClick={onKeep} className="rounded-md px-3 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" data-testid="end-confirm-no" autoFocus>
          {t(lang, 'keepChatting')}
        </button>
        <button type="button" onClick={onEnd} className="rounded-md px-3 py-1 font-medium hover:opacity-90" style={{ background: brand.color, color: brand.text }} data-testid="end-confirm-yes">
          {t(lang, 'endChat')}
        </button>
      </div>
    </div>
  );
}

/** Below an ended chat: what happened (message left, chat ended) and "Start a new chat". */
export function EndedBar({ lang, brand, leftMessage, disabled, onNewChat, children }: { lang: WidgetLanguage; brand: Brand; leftMessage: SubmissionDto | null; disabled: boolean; onNewChat: () => void; children?: ReactNode }) {
  return (
    <div className="border-t border-slate-200 bg-white px-4 py-3 text-center">
      <p className="text-sm text-slate-600" data-testid="chat-ended-note">
        {leftMessage ? (leftMessage.mode === 'ticket' ? t(lang, 'messageLeftRef', { number: leftMessage.number }) : t(lang, 'messageLeft')) : t(lang, 'ended')}
      </p>
      <button
        type="button"
        onClick={onNewChat}
        disabled={disabled}
        className="mt-2 rounded-lg px-4 py-2 text-sm font-medium hover:opacity-90 disabled:opacity-50"
        style={{ background: brand.color, color: brand.text }}
        data-testid="new-chat"
      >
        {t(lang, 'newChat')}
      </button>
      {children}
    </div>
  );
}

/** An alert line in the widget (refusals, errors). */
export function WidgetAlert({ children, inline = false }: { children: ReactNode; inline?: boolean }) {
  return (
    <p role="alert" className={inline ? 'mx-4 mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800' : 'm-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800'}>
      {children}
    </p>
  );
}
