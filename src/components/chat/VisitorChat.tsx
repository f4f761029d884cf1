'use client';

import dynamic from 'next/dynamic';
import { useEffect, useMemo } from 'react';
import type { ConversationDto } from '@/domain/conversations/types';
import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import type { ReplyExpectation } from '@/domain/widget/availability';
import { registerDictionary, RTL_LANGUAGES, t, type Dictionary } from '@/widget/i18n';
import { expectationText, greetingText, noticeText, queueText, type WidgetTexts } from '@/components/widget/texts';
import { EMOJI_FONT_STACK, WidgetMessageList } from '@/components/widget/WidgetMessageList';
import { WidgetHeader, type WidgetLook } from '@/components/widget/WidgetHeader';
import type { PrechatForm as PrechatFormConfig } from '@/widget/prechat-form';
import { Composer } from './Composer';
import { useSneakPeekSender } from '@/components/widget/sneak-peek'; // F17
import { EndConfirm, EndedBar, WidgetAlert } from './visitor/VisitorParts';
import { useVisitorSession } from './visitor/useVisitorSession';
import { useGreetings } from './visitor/useGreetings';
import type { WidgetGreeting } from '@/domain/greetings/service';
import type { Connection } from './visitor/session-reducer';

// Rarely needed parts load after the first paint (issue 14 item 8: the iframe's first load stays small).
const SubmissionPanel = dynamic(() => import('./SubmissionPanel').then((m) => m.SubmissionPanel), { ssr: false });
const RatingPanel = dynamic(() => import('./RatingForm').then((m) => m.RatingPanel), { ssr: false });
const TranscriptRequest = dynamic(() => import('./visitor/TranscriptRequest').then((m) => m.TranscriptRequest), { ssr: false });
const PrechatForm = dynamic(() => import('@/components/widget/PrechatForm'), { ssr: false });

export interface VisitorChatProps {
  realtimeUrl: string;
  widgetKey: string;
  /** The embedding page's origin, as the loader declared it and the server allowed it (null: opened directly). */
  hostOrigin: string | null;
  channel: 'desktop' | 'mobile' | 'app';
  designated: { type: 'agent' | 'group'; id: string; mode: 'must' | 'may' } | null;
  /** F5: whether the visitor may add to a sent submission (workspace setting). */
  allowFollowUp?: boolean;
  /** Whether visitors may send files (console setting); the server refuses uploads when off. */
  canAttach?: boolean;
  look: WidgetLook;
  texts: WidgetTexts;
  /** Language chosen on the server (embed attribute, browser); the host page may change it. */
  initialLanguage: WidgetLanguage;
  /** The UI texts of `initialLanguage` (null for English, which is built in); other languages load on demand. */
  dictionary?: Dictionary | null;
  expectation: ReplyExpectation;
  /** The workspace's pre-chat form; null when it is off. */
  prechat?: PrechatFormConfig | null;
  /** Whether the leave-a-message form is offered when nobody can chat (the header promises it only then). */
  leaveMessage?: boolean;
  /** F17 sneak peek: on, the agent sees the text being typed, and the widget says so (privacy setting). */
  sneakPeek?: boolean;
  /** Proactive greetings (issue 26): active rules, evaluated here on the visitor's context. */
  greetings?: WidgetGreeting[];
  /** The workspace's working hours are open now (for the greetings' "only within working hours"). */
  withinWorkingHours?: boolean;
}

/**
 * The visitor side of the widget, inside the iframe the loader creates: a view of `useVisitorSession`
 * (socket, loader handshake, state reducer). Stays connected while minimised; the loader shows the badge.
 */
const NO_GREETINGS: WidgetGreeting[] = [];

export function VisitorChat({ realtimeUrl, widgetKey, hostOrigin, channel, designated, allowFollowUp = true, canAttach = true, look, texts, initialLanguage, dictionary = null, expectation, prechat = null, leaveMessage = true, sneakPeek = false, greetings = NO_GREETINGS, withinWorkingHours = true }: VisitorChatProps) {
  if (dictionary) registerDictionary(initialLanguage, dictionary);
  const session = useVisitorSession({ realtimeUrl, widgetKey, hostOrigin, channel, designated, initialLanguage, hasPrechat: prechat !== null });
  const { state, open, lang, actions } = session;
  const { connection, conversation, messages, queue, notice, offer, refusal } = state;
  const peek = useSneakPeekSender(session.socket, open?.id ?? null, sneakPeek && connection === 'online'); // F17

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
  }, [lang]);

  const status = headerStatus(connection, open, queue?.position ?? null, lang, expectation, leaveMessage);
  const brand = useMemo(() => ({ color: look.brandColor, text: look.textColor }), [look]);
  const agentReplied = messages.some((m) => m.senderType === 'agent');
  const showPrechat = prechat !== null && state.prechatNeeded && !open && !refusal;
  const online = connection === 'online';
  const greeting = useGreetings({
    rules: greetings,
    socket: session.socket,
    connected: online,
    active: !conversation && !showPrechat && !refusal,
    url: session.pageUrl,
    pagesVisited: session.pagesVisited,
    context: { returning: session.returning, language: lang, withinWorkingHours, agentsOnline: expectation.kind === 'online' },
    onShown: (g) => session.announce({ name: g.fromName, body: g.body }),
  });

  return (
    <div className="flex h-dvh flex-col bg-slate-50" dir={RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr'} lang={lang} style={{ fontFamily: EMOJI_FONT_STACK }}>
      <WidgetHeader
        look={look}
        lang={lang}
        status={status}
        agents={!open && expectation.kind === 'online' && look.showAgentAvatars ? expectation.agents : []}
        muted={session.muted}
        onToggleMute={look.sound ? actions.toggleMute : null}
        onEnd={open ? () => actions.confirmEnd(true) : null}
        onMinimise={actions.minimise}
      />
      {state.confirmingEnd && open ? <EndConfirm lang={lang} brand={brand} onKeep={() => actions.confirmEnd(false)} onEnd={() => void actions.endChat()} /> : null}
      {refusal ? <WidgetAlert>{t(lang, refusal === 'unverified' ? 'unverified' : 'refused')}</WidgetAlert> : null}
      {open?.status === 'queued' && queue ? (
        <div className="flex items-start justify-between gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <p role="status" data-testid="queue-position" data-position={queue.position}>
            {queueText(texts, lang, queue)}
          </p>
          <button type="button" onClick={() => void actions.endChat()} className="shrink-0 font-medium underline hover:text-amber-700" data-testid="leave-queue">
            {t(lang, 'leaveQueue')}
          </button>
        </div>
      ) : null}

      {showPrechat ? (
        <PrechatForm form={prechat} lang={lang} brand={brand} disabled={!online || state.starting} onSubmit={actions.submitPrechat} />
      ) : (
        <WidgetMessageList
          messages={messages}
          typing={state.agentTyping === null ? null : t(lang, 'typing', { name: state.agentTyping || t(lang, 'anAgent') })}
          onRetry={(m) => void actions.send(m.body, m.clientMsgId ?? undefined, m.attachments)}
          emptyText={connection === 'waiting' || connection === 'connecting' ? t(lang, 'connecting') : greetingText(texts, lang)}
          scrollKey={session.scrollKey}
          brand={brand}
          lang={lang}
          showAvatars={look.showAgentAvatars}
        >
          {greeting ? (
            <div className="mx-4 my-2 max-w-[85%] self-start rounded-2xl rounded-bl-sm bg-white px-3 py-2 text-sm text-slate-900 shadow-sm" role="status" data-testid="widget-greeting">
              <span className="block text-xs font-medium text-slate-600">{greeting.fromName}</span>
              {greeting.body}
            </div>
          ) : null}
          <SubmissionPanel socket={session.socket} connected={online} offer={offer} initialContent={state.unsent} allowFollowUp={allowFollowUp} onSubmitted={actions.submitted} />
        </WidgetMessageList>
      )}
      {open?.status === 'unassigned' ? (
        <p className="mx-4 mb-2 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900" role="status" data-testid="always-on-notice">
          {t(lang, 'alwaysOn')}
        </p>
      ) : null}
      {notice ? (
        <p className="mx-4 mb-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" role="status" data-testid="widget-notice">
          {noticeText(texts, lang, notice.kind, notice.text)}
        </p>
      ) : null}
      {conversation ? <RatingPanel socket={session.socket} conversationId={conversation.id} connected={online} offerUnprompted={agentReplied || conversation.status === 'ended'} brand={brand} /> : null}
      {state.error ? <WidgetAlert inline>{state.error}</WidgetAlert> : null}
      {showPrechat || (conversation?.status === 'ended' && offer) ? null : conversation?.status === 'ended' ? (
        <EndedBar lang={lang} brand={brand} leftMessage={state.leftMessage} disabled={state.starting || !online} onNewChat={actions.newChat}>
          {conversation && !state.leftMessage ? <TranscriptRequest socket={session.socket} conversationId={conversation.id} lang={lang} brand={brand} disabled={!online} /> : null}
        </EndedBar>
      ) : (
        <>
        {sneakPeek ? <p className="bg-white px-3 pt-1.5 text-[11px] text-slate-600" data-testid="sneak-peek-notice">{t(lang, 'sneakPeek')}</p> : null}
        <Composer
          onSend={(body, files) => void actions.send(body, undefined, files)}
          onTextChange={peek}
          onTyping={actions.onTyping}
          disabled={!online || state.starting}
          placeholder={t(lang, 'write')}
          label={t(lang, 'message')}
          sendLabel={t(lang, 'send')}
          brand={brand}
          attach={canAttach && open && session.token ? { conversationId: open.id, token: session.token } : null}
        />
        </>
      )}
    </div>
  );
}

function headerStatus(connection: Connection, open: ConversationDto | null, queuePosition: number | null, lang: WidgetLanguage, expectation: ReplyExpectation, leaveMessage: boolean): string {
  if (connection === 'waiting' || connection === 'connecting') return t(lang, 'connecting');
  if (connection === 'offline') return t(lang, 'reconnecting');
  if (connection === 'refused') return t(lang, 'unavailable');
  if (!open) return expectationText(expectation, lang, leaveMessage);
  if (open.status === 'queued') return queuePosition ? t(lang, 'waitingPosition', { position: queuePosition }) : t(lang, 'waiting');
  if (open.status === 'active') return t(lang, 'chattingWith', { name: open.agentName ?? t(lang, 'anAgent') });
  return t(lang, 'messageAnyTime');
}
