'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { AttachmentDto, ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { SubmissionDto } from '@/domain/submissions/service';
import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import { t } from '@/widget/i18n';
import { unreadAgentMessages } from '@/components/widget/unread';
import { deviceHints } from '@/components/widget/device-hints';
import type { PrechatRefusal } from '@/components/widget/PrechatForm';
import { mergeMessages, type UiMessage } from '../messages';
import { handshakeRetryMs, newClientMsgId, request, sendMessage, VISITOR_RECONNECTION, type AckResult, type VisitorSocket } from '../socket';
import { handshakeRefusal, refusalDetails } from './refusals';
import { useHostBridge } from './useHostBridge';
import { usePageReports } from './usePageReports';
import { initialVisitorState, openConversation, pendingVisitorMessage, resumePoint, sessionContinues, visitorSession, type QueueStatus, type VisitorSessionPayload } from './session-reducer';

// The realtime client is needed right after the loader's handshake, not for the first paint: its own chunk,
// requested as soon as this module runs in the browser so it downloads while the page hydrates.
let socketClientPromise: Promise<typeof import('socket.io-client')> | null = null;
const socketClient = () => (socketClientPromise ??= import('socket.io-client'));
if (typeof window !== 'undefined') void socketClient();

export interface VisitorSessionOptions {
  realtimeUrl: string;
  widgetKey: string;
  hostOrigin: string | null;
  channel: 'desktop' | 'mobile' | 'app';
  designated: { type: 'agent' | 'group'; id: string; mode: 'must' | 'may' } | null;
  initialLanguage: WidgetLanguage;
  /** Whether the workspace has a pre-chat form (a refusal naming it asks for the form again). */
  hasPrechat: boolean;
}

type StartAck = AckResult<{ conversation: ConversationDto; messages: MessageDto[]; queue: QueueStatus | null }>;

/**
 * The visitor's chat session inside the widget iframe: the handshake with the loader (identity, language,
 * visibility), the socket and its events (folded into state by the pure `visitorSession` reducer), the
 * unread badge, and the visitor's actions. Identity stays in the host page; this frame stores nothing.
 */
export function useVisitorSession({ realtimeUrl, widgetKey, hostOrigin, channel, designated, initialLanguage, hasPrechat }: VisitorSessionOptions) {
  const [state, dispatch] = useReducer(visitorSession, initialVisitorState);
  const socketRef = useRef<VisitorSocket | null>(null);
  /** The newest seq reported as seen per conversation (each move forward is sent once). */
  const seenSentRef = useRef<Record<string, number>>({});
  const messagesRef = useRef<UiMessage[]>([]);
  messagesRef.current = state.messages;
  /** What the next handshake says the widget holds (only the messages after it come back in `session`). */
  const resumeRef = useRef<ReturnType<typeof resumePoint>>(null);
  resumeRef.current = resumePoint(state);
  const stateRef = useRef(state);
  stateRef.current = state;
  const clearChat = useCallback(() => dispatch({ type: 'cleared' }), []);
  const pages = usePageReports();
  const host = useHostBridge({
    hostOrigin,
    initialLanguage,
    messagesRef,
    onClear: clearChat,
    onReconnect: () => {
      const socket = socketRef.current;
      if (!socket) return;
      socket.disconnect();
      socket.connect();
    },
    onPage: (page) => pages.visit(page, socketRef.current),
    // Fire-and-forget (F15): what the visitor saw is not emailed to them; only forward moves are sent.
    onSeen: (conversationId, seq) => {
      const socket = socketRef.current;
      if (!socket?.connected || (seenSentRef.current[conversationId] ?? -1) >= seq) return;
      seenSentRef.current[conversationId] = seq;
      socket.emit('conversation.seen', { conversationId, seq });
    },
    onLanguage: (lang) => {
      if (socketRef.current?.connected) socketRef.current.emit('visitor.language', { lang });
    },
  });
  const { bridgeRef, tokenRef, identityRef, openRef, seenRef, unreadRef, pageRef, chosenLangRef, init, lang, markSeen, reportUnread } = host;

  const ready = init !== null;
  useEffect(() => {
    if (init) pages.seed(init.page?.url ?? null);
  }, [init, pages.seed]);
  useEffect(() => {
    if (!ready) return;
    dispatch({ type: 'connecting' });
    // socket.io-client comes in its own chunk (fetched while the page hydrates and the loader hands over the identity).
    let stop: (() => void) | null = null;
    let cancelled = false;
    void socketClient().then(({ io }) => {
      if (cancelled) return;
      const socket = io(`${realtimeUrl}/visitor`, {
        transports: ['websocket', 'polling'],
        ...VISITOR_RECONNECTION,
        // A function: every (re)connect presents the latest token and identity the loader gave us.
        auth: (cb) => {
          const { params, ...id } = identityRef.current ?? {};
          const widgetLanguage = chosenLangRef.current ?? undefined;
          const resume = tokenRef.current ? resumeRef.current : null;
          cb({ widgetKey, token: tokenRef.current ?? undefined, ...deviceHints(), widgetLanguage, ...id, ...(params && Object.keys(params).length ? { params } : {}), ...(resume ?? {}) });
        },
      });
      socketRef.current = socket;
      let pageSent = false;
      let refusedHandshakes = 0;
      let retryTimer: ReturnType<typeof setTimeout> | null = null;
      socket.on('connect', () => {
        refusedHandshakes = 0;
        dispatch({ type: 'connected' });
        if (!pageSent && pageRef.current) {
          pageSent = true;
          pages.report(socket, pageRef.current);
        }
      });
      socket.on('disconnect', () => dispatch({ type: 'disconnected' }));
      socket.on('connect_error', (err: Error & { data?: { retryAfterSeconds?: number } }) => {
        const refusal = handshakeRefusal(err.message, Boolean(tokenRef.current));
        if (refusal === 'retry') {
          dispatch({ type: 'disconnected' });
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = setTimeout(() => socket.connect(), handshakeRetryMs(refusedHandshakes++, err.data?.retryAfterSeconds));
        } else if (refusal === 'revoked') {
          tokenRef.current = null;
          socket.connect();
        } else if (refusal === 'other') dispatch({ type: 'disconnected' });
        else {
          dispatch({ type: 'refused', reason: refusal === 'unverified' ? 'unverified' : 'refused' });
          socket.disconnect();
        }
      });
      socket.on('session', (session: VisitorSessionPayload) => {
        // The token lives in the host page's storage: hand it (new or refreshed) back to the loader.
        if (session.token !== tokenRef.current) {
          tokenRef.current = session.token;
          bridgeRef.current?.post('token', { token: session.token });
        }
        // A `since` session carries only what was missed: the unread count is over the whole chat.
        const continues = sessionContinues(stateRef.current, session);
        dispatch({ type: 'session', session });
        const open = session.conversation && session.conversation.status !== 'ended' ? session.conversation : null;
        if (typeof session.since === 'number' && !continues && open) {
          // The widget no longer holds the chat it named at the handshake (it changed meanwhile): fetch its page.
          void request(socket as VisitorSocket, 'history', { conversationId: open.id }).then((r) => r.ok && dispatch({ type: 'local.messages', messages: r.messages }));
        }
        const all = continues ? mergeMessages(messagesRef.current, session.messages) : session.messages;
        const unread = unreadAgentMessages(all, seenRef.current);
        messagesRef.current = all;
        if (openRef.current) markSeen();
        else if (unread.length !== unreadRef.current) {
          unreadRef.current = unread.length;
          reportUnread(unread[unread.length - 1]);
        }
      });
      socket.on('message', (message: MessageDto) => {
        dispatch({ type: 'message', message });
        bridgeRef.current?.post('message', { message: { id: message.id, senderType: message.senderType, senderName: message.senderName, body: message.body, createdAt: message.createdAt } });
        if (message.senderType !== 'agent') return;
        if (openRef.current && !document.hidden) {
          messagesRef.current = mergeMessages(messagesRef.current, [message]);
          markSeen();
        } else {
          unreadRef.current += 1;
          reportUnread(message);
        }
      });
      socket.on('conversation.updated', (conversation: ConversationDto) => dispatch({ type: 'conversation.updated', conversation }));
      socket.on('queue.position', (queue: QueueStatus & { conversationId?: string }) => dispatch({ type: 'queue.position', queue }));
      socket.on('notice', (notice: { conversationId?: string; text: string; kind?: string }) => dispatch({ type: 'notice', notice }));
      socket.on('typing', (ty: { typing: boolean; name: string | null }) => dispatch({ type: 'typing', typing: ty.typing, name: ty.name }));
      const onVisible = () => {
        if (!document.hidden && openRef.current) markSeen();
      };
      document.addEventListener('visibilitychange', onVisible);
      stop = () => {
        document.removeEventListener('visibilitychange', onVisible);
        if (retryTimer) clearTimeout(retryTimer);
        socket.disconnect();
        socketRef.current = null;
      };
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [ready, realtimeUrl, widgetKey, markSeen, reportUnread]);

  const open = openConversation(state);

  /** `chat.start`, with the pre-chat answers when the form was just filled in. */
  const start = useCallback(
    async (answers?: Record<string, unknown>): Promise<StartAck | null> => {
      const socket = socketRef.current;
      if (!socket) return null;
      dispatch({ type: 'start.begin' });
      const result = await request(socket, 'chat.start', {
        channel,
        ...(pageRef.current ? { entryUrl: pageRef.current.url } : {}),
        ...(designated ? { designated } : {}),
        ...(answers ? { prechat: answers } : {}),
      });
      if (result.ok) dispatch({ type: 'start.done', conversation: result.conversation, messages: result.messages, queue: result.queue });
      else dispatch({ type: 'start.failed', message: null, prechatNeeded: false });
      return result;
    },
    [channel, designated],
  );

  const startChat = useCallback(async (): Promise<ConversationDto | null> => {
    const result = await start();
    if (!result) return null;
    if (!result.ok) {
      // The form was switched on since this session began: ask for it now.
      const prechatRefused = hasPrechat && refusalDetails(result.error).some((d) => d.path === 'prechat');
      dispatch({ type: 'start.failed', message: prechatRefused ? null : result.error.message, prechatNeeded: prechatRefused });
      return null;
    }
    return result.conversation.status === 'ended' ? null : result.conversation;
  }, [start, hasPrechat]);

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
      // No chat before the visitor's first message: it starts (and is routed) now.
      const target = open ?? (await startChat());
      if (!target) {
        dispatch({ type: 'unsent', body }); // no chat now (e.g. the form was offered): keep the text for the form
        return;
      }
      const optimistic = pendingVisitorMessage(target.id, body, clientMsgId, attachments);
      dispatch({ type: 'local.messages', messages: [optimistic] });
      const attachmentIds = attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {};
      const result = await sendMessage(socket, { conversationId: target.id, clientMsgId, body, ...attachmentIds }, (retrying) => dispatch({ type: 'local.messages', messages: [{ ...optimistic, retrying }] }));
      dispatch({ type: 'local.messages', messages: [result.ok ? result.message : { ...optimistic, pending: false, failed: result.error.message, blocked: result.error.code === 'blocked' }] });
    },
    [open, startChat],
  );

  const endChat = async () => {
    const socket = socketRef.current;
    dispatch({ type: 'confirm-end', open: false });
    if (!socket || !open) return;
    const result = await request(socket, 'chat.end', { conversationId: open.id });
    if (result.ok) dispatch({ type: 'ended', conversation: result.conversation });
    else dispatch({ type: 'error', message: result.error.message });
  };

  const onTyping = (typing: boolean) => {
    if (open && socketRef.current) void request(socketRef.current, 'typing', { conversationId: open.id, typing });
  };

  return {
    state,
    open,
    lang,
    muted: host.muted,
    scrollKey: host.scrollKey,
    socket: socketRef.current,
    token: tokenRef.current,
    pageUrl: pages.pageUrl,
    /** Page views of this visit, counted by the server (0 until it answered). */
    pagesVisited: pages.pagesVisited,
    /** A visitor who came with a token from an earlier visit. */
    returning: Boolean(init?.token),
    /** A proactive greeting was shown: the launcher's preview bubble and badge (nothing while open). */
    announce: (preview: { name: string; body: string }) => {
      if (openRef.current) return;
      host.unreadRef.current += 1;
      bridgeRef.current?.post('unread', { count: host.unreadRef.current, preview: { name: preview.name, body: preview.body.slice(0, 300) } });
    },
    actions: {
      send,
      endChat,
      confirmEnd: (show: boolean) => dispatch({ type: 'confirm-end', open: show }),
      newChat: clearChat,
      submitPrechat,
      onTyping,
      toggleMute: host.toggleMute,
      minimise: () => bridgeRef.current?.post('close'),
      submitted: (submission: SubmissionDto) => dispatch({ type: 'submitted', submission }),
    },
  };
}

