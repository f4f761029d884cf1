'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { AttachmentDto, ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { SubmissionDto, SubmissionOffer } from '@/domain/submissions/service';
import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import type { ReplyExpectation } from '@/domain/widget/availability';
import { hasDictionary, registerDictionary, resolveLanguage, RTL_LANGUAGES, t, type Dictionary } from '@/widget/i18n';
import { HostBridge, type HostInit, type PageInfo, type VisitorIdentityInput } from '@/components/widget/host-bridge';
import { seenMarker, unreadAgentMessages } from '@/components/widget/unread';
import { deviceHints } from '@/components/widget/device-hints';
import { expectationText, greetingText, noticeText, queueText, type WidgetTexts } from '@/components/widget/texts';
import { EMOJI_FONT_STACK, WidgetMessageList } from '@/components/widget/WidgetMessageList';
import { WidgetHeader, type WidgetLook } from '@/components/widget/WidgetHeader';
import type { PrechatForm as PrechatFormConfig } from '@/widget/prechat-form';
import type { PrechatRefusal } from '@/components/widget/PrechatForm';
import { Composer } from './Composer';
import { mergeMessages, type UiMessage } from './messages';
import { newClientMsgId, request, sendMessage, type AckResult } from './socket';
import { SNEAK_PEEK_NOTICE, useSneakPeekSender } from '@/components/widget/sneak-peek'; // F17

// The realtime client is needed right after the loader's handshake, not for the first paint: its own chunk,
// requested as soon as this module runs in the browser so it downloads while the page hydrates.
let socketClientPromise: Promise<typeof import('socket.io-client')> | null = null;
const socketClient = () => (socketClientPromise ??= import('socket.io-client'));
if (typeof window !== 'undefined') void socketClient();

// Rarely needed parts load after the first paint (issue 14 item 8: the iframe's first load stays small).
const SubmissionPanel = dynamic(() => import('./SubmissionPanel').then((m) => m.SubmissionPanel), { ssr: false });
const RatingPanel = dynamic(() => import('./RatingForm').then((m) => m.RatingPanel), { ssr: false });
const PrechatForm = dynamic(() => import('@/components/widget/PrechatForm'), { ssr: false });

interface QueueStatus {
  position: number;
  waitSeconds: number | null;
  text: string;
}

interface Session {
  visitorId: string;
  token: string;
  conversation: ConversationDto | null;
  messages: MessageDto[];
  queue: QueueStatus | null;
  /** The leave-a-message form offered and not sent yet. */
  offer: SubmissionOffer | null;
  /** The pre-chat form is on and this visitor has not filled it in yet. */
  prechatNeeded?: boolean;
}

type Connection = 'waiting' | 'connecting' | 'online' | 'offline' | 'refused';

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
}

/**
 * The visitor side of the widget, inside the iframe the loader creates. Identity comes from the loader (the
 * customer's page keeps the token first-party); this frame never touches its own storage. Stays connected
 * while minimised and reports unread agent messages to the loader for the launcher badge.
 */
export function VisitorChat({ realtimeUrl, widgetKey, hostOrigin, channel, designated, allowFollowUp = true, canAttach = true, look, texts, initialLanguage, dictionary = null, expectation, prechat = null, leaveMessage = true, sneakPeek = false }: VisitorChatProps) {
  if (dictionary) registerDictionary(initialLanguage, dictionary);
  const socketRef = useRef<Socket | null>(null);
  const bridgeRef = useRef<HostBridge | null>(null);
  const tokenRef = useRef<string | null>(null);
  const identityRef = useRef<VisitorIdentityInput | null>(null);
  const openRef = useRef(false);
  const seenRef = useRef<string | null>(null);
  const unreadRef = useRef(0);
  const pageRef = useRef<PageInfo | null>(null);
  const messagesRef = useRef<UiMessage[]>([]);
  const [init, setInit] = useState<HostInit | null>(null);
  const [lang, setLang] = useState<WidgetLanguage>(initialLanguage);
  const [muted, setMuted] = useState(false);
  const [scrollKey, setScrollKey] = useState(0);
  const [connection, setConnection] = useState<Connection>('waiting');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conversation, setConversation] = useState<ConversationDto | null>(null);
  const [messages, setMessages] = useState<UiMessage[]>([]);
  const [queue, setQueue] = useState<QueueStatus | null>(null);
  const [notice, setNotice] = useState<{ text: string; kind?: string } | null>(null);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // F5: the leave-a-message form offered instead of a chat, and what the visitor had typed (prefills it).
  const [offer, setOffer] = useState<SubmissionOffer | null>(null);
  const [unsent, setUnsent] = useState<string | null>(null);
  const [leftMessage, setLeftMessage] = useState<SubmissionDto | null>(null);
  const [prechatNeeded, setPrechatNeeded] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  /** System notes as they arrive (a stored end prompt also comes as a notice: shown once). */
  const systemNotesRef = useRef<Set<string>>(new Set());
  messagesRef.current = messages;

  /** The visitor has seen everything up to the newest message: remember it (host storage) and clear the badge. */
  const markSeen = useCallback(() => {
    const confirmed = messagesRef.current.filter((m) => m.id && !m.pending && !m.failed);
    const newest = confirmed[confirmed.length - 1];
    if (newest) {
      seenRef.current = seenMarker(newest.conversationId, newest.seq);
      bridgeRef.current?.post('seen', { seen: seenRef.current });
    }
    if (unreadRef.current !== 0) {
      unreadRef.current = 0;
      bridgeRef.current?.post('unread', { count: 0 });
    }
  }, []);

  const reportUnread = useCallback((latest: MessageDto | undefined) => {
    bridgeRef.current?.post('unread', {
      count: unreadRef.current,
      ...(latest ? { preview: { name: latest.senderName ?? '', body: latest.body.slice(0, 300) } } : {}),
    });
  }, []);

  const clearChat = () => {
    setConversation(null);
    setMessages([]);
    setQueue(null);
    setNotice(null);
    setOffer(null);
    setLeftMessage(null);
    setError(null);
  };

  /** Shows another language, fetching its texts first when this page does not have them yet. */
  const switchLanguage = useCallback((next: WidgetLanguage) => {
    if (hasDictionary(next)) return setLang(next);
    void import('@/widget/dictionaries').then(({ DICTIONARIES }) => {
      if (next !== 'en') registerDictionary(next, DICTIONARIES[next]);
      setLang(next);
    });
  }, []);

  // The handshake with the loader: nothing connects before the loader hands over the identity.
  useEffect(() => {
    const bridge = new HostBridge(hostOrigin);
    bridgeRef.current = bridge;
    const reconnect = () => {
      const socket = socketRef.current;
      if (!socket) return;
      socket.disconnect();
      socket.connect();
    };
    const stop = bridge.start((m) => {
      if (m.type === 'init') {
        tokenRef.current = m.init.token;
        identityRef.current = m.init.identity;
        seenRef.current = m.init.seen;
        openRef.current = m.init.open;
        pageRef.current = m.init.page;
        setMuted(m.init.muted);
        if (m.init.lang) switchLanguage(resolveLanguage([m.init.lang], initialLanguage));
        setInit(m.init);
      } else if (m.type === 'visibility') {
        openRef.current = m.open;
        if (m.open) {
          markSeen();
          setScrollKey((k) => k + 1);
        }
      } else if (m.type === 'identify') {
        identityRef.current = m.identity;
        if (m.token !== tokenRef.current) clearChat();
        tokenRef.current = m.token;
        reconnect();
      } else if (m.type === 'reset') {
        tokenRef.current = null;
        identityRef.current = null;
        seenRef.current = null;
        unreadRef.current = 0;
        clearChat();
        reconnect();
      } else if (m.type === 'page') {
        pageRef.current = m.page;
        // Fire-and-forget: the server records where the visitor is; nothing waits for an answer.
        if (socketRef.current?.connected) socketRef.current.emit('visitor.page', m.page);
      } else if (m.type === 'language') switchLanguage(resolveLanguage([m.lang], initialLanguage));
    });
    return () => {
      stop();
      bridgeRef.current = null;
    };
  }, [hostOrigin, initialLanguage, markSeen, switchLanguage]);

  const ready = init !== null;
  useEffect(() => {
    if (!ready) return;
    setConnection('connecting');
    // socket.io-client comes in its own chunk (fetched while the page hydrates and the loader hands over the identity).
    let stop: (() => void) | null = null;
    let cancelled = false;
    void socketClient().then(({ io }) => {
      if (cancelled) return;
      const socket = io(`${realtimeUrl}/visitor`, {
        transports: ['websocket', 'polling'],
        // A function: every (re)connect presents the latest token and identity the loader gave us.
        auth: (cb) => {
          const { params, ...id } = identityRef.current ?? {};
          cb({ widgetKey, token: tokenRef.current ?? undefined, ...deviceHints(), ...id, ...(params && Object.keys(params).length ? { params } : {}) });
        },
      });
      socketRef.current = socket;
      let pageSent = false;
      socket.on('connect', () => {
        setConnection('online');
        if (!pageSent && pageRef.current) {
          pageSent = true;
          socket.emit('visitor.page', pageRef.current);
        }
      });
      socket.on('disconnect', () => setConnection('offline'));
      socket.on('connect_error', (err) => {
        if (/^identity_unverified/.test(err.message)) {
          // F2: mandatory identity verification refused this partnerid (wrong or missing partnerid_hash).
          setConnection('refused');
          setRefusal('unverified');
          socket.disconnect();
        } else if (/visitor token revoked/.test(err.message) && tokenRef.current) {
          // A revoked identity (e.g. after a ban was lifted) never comes back: start over as a new visitor.
          tokenRef.current = null;
          socket.connect();
        } else if (/unauthorized|bad_request|forbidden/.test(err.message)) {
          setConnection('refused');
          setRefusal('refused');
          socket.disconnect();
        } else setConnection('offline');
      });
      socket.on('session', (session: Session) => {
        setRefusal(null);
        // The token lives in the host page's storage: hand it (new or refreshed) back to the loader.
        if (session.token !== tokenRef.current) {
          tokenRef.current = session.token;
          bridgeRef.current?.post('token', { token: session.token });
        }
        setConversation(session.conversation);
        setMessages((current) => mergeMessages(current.filter((m) => m.pending || m.failed), session.messages));
        setQueue(session.queue);
        setPrechatNeeded(Boolean(session.prechatNeeded));
        // A form offered before a reload comes back until it is sent (the server keeps the offer an hour).
        if (session.offer) setOffer(session.offer);
        const unread = unreadAgentMessages(session.messages, seenRef.current);
        messagesRef.current = session.messages;
        if (openRef.current) markSeen();
        else if (unread.length !== unreadRef.current) {
          unreadRef.current = unread.length;
          reportUnread(unread[unread.length - 1]);
        }
      });
      socket.on('message', (message: MessageDto) => {
        if (message.senderType === 'system') systemNotesRef.current.add(`${message.conversationId}:${message.body}`);
        setMessages((current) => mergeMessages(current, [message]));
        bridgeRef.current?.post('message', { message: { id: message.id, senderType: message.senderType, senderName: message.senderName, body: message.body, createdAt: message.createdAt } });
        if (message.senderType !== 'agent') return;
        setAgentTyping(null);
        if (openRef.current && !document.hidden) {
          messagesRef.current = mergeMessages(messagesRef.current, [message]);
          markSeen();
        } else {
          unreadRef.current += 1;
          reportUnread(message);
        }
      });
      socket.on('conversation.updated', (c: ConversationDto) => {
        setConversation((current) => (current && current.id !== c.id ? current : c));
        if (c.status !== 'queued') setQueue(null);
      });
      socket.on('queue.position', (q: QueueStatus) => setQueue(q));
      socket.on('notice', (n: { text: string; kind?: string; offer?: SubmissionOffer }) => {
        if (n.kind === 'submission_offered' && n.offer) setOffer(n.offer);
        // The time-out end prompt is stored as the chat's last note (shown in the list): not twice.
        else if (!(n.kind === 'timed_out' && systemNotesRef.current.has(`${(n as { conversationId?: string }).conversationId}:${n.text}`))) setNotice({ text: n.text, kind: n.kind });
      });
      socket.on('typing', (ty: { typing: boolean; name: string | null }) => setAgentTyping(ty.typing ? (ty.name ?? '') : null));
      const onVisible = () => {
        if (!document.hidden && openRef.current) markSeen();
      };
      document.addEventListener('visibilitychange', onVisible);
      stop = () => {
        document.removeEventListener('visibilitychange', onVisible);
        socket.disconnect();
        socketRef.current = null;
      };
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [ready, realtimeUrl, widgetKey, markSeen, reportUnread]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
  }, [lang]);

  const open = conversation && conversation.status !== 'ended' ? conversation : null;
  const peek = useSneakPeekSender(socketRef.current, open?.id ?? null, sneakPeek && connection === 'online'); // F17

  /** `chat.start`, with the pre-chat answers when the form was just filled in. */
  const start = useCallback(
    async (answers?: Record<string, unknown>): Promise<AckResult<{ conversation: ConversationDto; messages: MessageDto[]; queue: QueueStatus | null }> | null> => {
      const socket = socketRef.current;
      if (!socket) return null;
      setStarting(true);
      setNotice(null);
      setOffer(null);
      setLeftMessage(null);
      setError(null);
      const result = await request<{ conversation: ConversationDto; messages: MessageDto[]; queue: QueueStatus | null }>(socket, 'chat.start', {
        channel,
        ...(pageRef.current ? { entryUrl: pageRef.current.url } : {}),
        ...(designated ? { designated } : {}),
        ...(answers ? { prechat: answers } : {}),
      });
      setStarting(false);
      if (result.ok) {
        setPrechatNeeded(false);
        setConversation(result.conversation);
        setMessages(result.messages);
        setQueue(result.queue);
      }
      return result;
    },
    [channel, designated],
  );

  const startChat = useCallback(async (): Promise<ConversationDto | null> => {
    const result = await start();
    if (!result) return null;
    if (!result.ok) {
      // The form was switched on since this session began: ask for it now.
      if (prechat && refusalDetails(result.error).some((d) => d.path === 'prechat')) setPrechatNeeded(true);
      else setError(result.error.message);
      return null;
    }
    return result.conversation.status === 'ended' ? null : result.conversation;
  }, [start, prechat]);

  const submitPrechat = async (answers: Record<string, unknown>): Promise<PrechatRefusal> => {
    const result = await start(answers);
    if (!result) return { fields: {}, message: t(lang, 'formRefused') };
    if (result.ok) return null;
    const details = refusalDetails(result.error);
    const fields = Object.fromEntries(details.filter((d) => d.path && d.message).map((d) => [d.path!.replace(/^prechat\./, ''), d.message!]));
    return { fields, message: Object.keys(fields).length ? null : result.error.message };
  };

  const send = useCallback(
    async (body: string, clientMsgId = newClientMsgId(), attachments: AttachmentDto[] = []) => {
      const socket = socketRef.current;
      if (!socket) return;
      const target = open ?? (await startChat());
      if (!target) {
        setUnsent(body); // no chat now (e.g. the form was offered): keep the text for the form
        return;
      }
      const optimistic: UiMessage = {
        id: '',
        conversationId: target.id,
        seq: Number.MAX_SAFE_INTEGER,
        senderType: 'visitor',
        senderId: null,
        senderName: null,
        body,
        clientMsgId,
        createdAt: new Date().toISOString(),
        pending: true,
        ...(attachments.length ? { attachments } : {}),
      };
      setMessages((current) => mergeMessages(current, [optimistic]));
      const attachmentIds = attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {};
      const result = await sendMessage<{ message: MessageDto }>(socket, { conversationId: target.id, clientMsgId, body, ...attachmentIds }, (retrying) => setMessages((current) => mergeMessages(current, [{ ...optimistic, retrying }])));
      setMessages((current) => mergeMessages(current, [result.ok ? result.message : { ...optimistic, pending: false, failed: result.error.message, blocked: result.error.code === 'blocked' }]));
    },
    [open, startChat],
  );

  const endChat = async () => {
    const socket = socketRef.current;
    setConfirmingEnd(false);
    if (!socket || !open) return;
    const result = await request<{ conversation: ConversationDto }>(socket, 'chat.end', { conversationId: open.id });
    if (result.ok) setConversation(result.conversation);
    else setError(result.error.message);
  };

  const onTyping = (typing: boolean) => {
    if (open && socketRef.current) void request(socketRef.current, 'typing', { conversationId: open.id, typing });
  };

  const toggleMute = () => {
    setMuted((m) => {
      bridgeRef.current?.post('mute', { muted: !m });
      return !m;
    });
  };

  const status = headerStatus(connection, open, queue?.position ?? null, lang, expectation, leaveMessage);
  const brand = useMemo(() => ({ color: look.brandColor, text: look.textColor }), [look]);
  const agentReplied = messages.some((m) => m.senderType === 'agent');
  const rtl = RTL_LANGUAGES.has(lang);
  const showPrechat = prechat !== null && prechatNeeded && !open && !refusal;

  return (
    <div className="flex h-dvh flex-col bg-slate-50" dir={rtl ? 'rtl' : 'ltr'} lang={lang} style={{ fontFamily: EMOJI_FONT_STACK }}>
      <WidgetHeader
        look={look}
        lang={lang}
        status={status}
        agents={!open && expectation.kind === 'online' && look.showAgentAvatars ? expectation.agents : []}
        muted={muted}
        onToggleMute={look.sound ? toggleMute : null}
        onEnd={open ? () => setConfirmingEnd(true) : null}
        onMinimise={() => bridgeRef.current?.post('close')}
      />

      {confirmingEnd && open ? (
        <div role="alertdialog" aria-labelledby="end-confirm-text" className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2 text-sm" data-testid="end-confirm">
          <p id="end-confirm-text" className="font-medium text-slate-800">
            {t(lang, 'endConfirm')}
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={() => setConfirmingEnd(false)} className="rounded-md px-3 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" data-testid="end-confirm-no" autoFocus>
              {t(lang, 'keepChatting')}
            </button>
            <button type="button" onClick={() => void endChat()} className="rounded-md px-3 py-1 font-medium hover:opacity-90" style={{ background: brand.color, color: brand.text }} data-testid="end-confirm-yes">
              {t(lang, 'endChat')}
            </button>
          </div>
        </div>
      ) : null}
      {refusal ? (
        <p role="alert" className="m-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(lang, refusal === 'unverified' ? 'unverified' : 'refused')}
        </p>
      ) : null}
      {open?.status === 'queued' && queue ? (
        <div className="flex items-start justify-between gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <p role="status" data-testid="queue-position" data-position={queue.position}>
            {queueText(texts, lang, queue)}
          </p>
          <button type="button" onClick={endChat} className="shrink-0 font-medium underline hover:text-amber-700" data-testid="leave-queue">
            {t(lang, 'leaveQueue')}
          </button>
        </div>
      ) : null}

      {showPrechat ? (
        <PrechatForm form={prechat} lang={lang} brand={brand} disabled={connection !== 'online' || starting} onSubmit={submitPrechat} />
      ) : (
        <WidgetMessageList
          messages={messages}
          typing={agentTyping === null ? null : t(lang, 'typing', { name: agentTyping || t(lang, 'anAgent') })}
          onRetry={(m) => void send(m.body, m.clientMsgId ?? undefined, m.attachments)}
          emptyText={connection === 'waiting' || connection === 'connecting' ? t(lang, 'connecting') : greetingText(texts, lang)}
          scrollKey={scrollKey}
          brand={brand}
          lang={lang}
          showAvatars={look.showAgentAvatars}
        >
          <SubmissionPanel
            socket={socketRef.current}
            connected={connection === 'online'}
            offer={offer}
            initialContent={unsent}
            allowFollowUp={allowFollowUp}
            onSubmitted={(submission) => {
              setOffer(null);
              setUnsent(null);
              setLeftMessage(submission);
            }}
          />
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
      {conversation ? (
        <RatingPanel socket={socketRef.current} conversationId={conversation.id} connected={connection === 'online'} offerUnprompted={agentReplied || conversation.status === 'ended'} brand={brand} />
      ) : null}
      {error ? (
        <p className="mx-4 mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          {error}
        </p>
      ) : null}
      {showPrechat || (conversation?.status === 'ended' && offer) ? null : conversation?.status === 'ended' ? (
        <div className="border-t border-slate-200 bg-white px-4 py-3 text-center">
          <p className="text-sm text-slate-600" data-testid="chat-ended-note">
            {leftMessage
              ? leftMessage.mode === 'ticket'
                ? t(lang, 'messageLeftRef', { number: leftMessage.number })
                : t(lang, 'messageLeft')
              : t(lang, 'ended')}
          </p>
          <button
            type="button"
            onClick={clearChat}
            disabled={starting || connection !== 'online'}
            className="mt-2 rounded-lg px-4 py-2 text-sm font-medium hover:opacity-90 disabled:opacity-50"
            style={{ background: brand.color, color: brand.text }}
            data-testid="new-chat"
          >
            {t(lang, 'newChat')}
          </button>
        </div>
      ) : (
        <>
        {sneakPeek ? <p className="bg-white px-3 pt-1.5 text-[11px] text-slate-600" data-testid="sneak-peek-notice">{SNEAK_PEEK_NOTICE}</p> : null}
        <Composer
          onSend={(body, files) => void send(body, undefined, files)}
          onTextChange={peek}
          onTyping={onTyping}
          disabled={connection !== 'online' || starting}
          placeholder={t(lang, 'write')}
          label={t(lang, 'message')}
          sendLabel={t(lang, 'send')}
          brand={brand}
          attach={canAttach && open && tokenRef.current ? { conversationId: open.id, token: tokenRef.current } : null}
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

/** The field details of a refused request (`bad_request` from zod on the server). */
function refusalDetails(error: { code: string; message: string }): { path?: string; message?: string }[] {
  const details = (error as { details?: unknown }).details;
  return Array.isArray(details) ? (details as { path?: string; message?: string }[]) : [];
}
