'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ConversationDto, MessageDto } from '@/domain/conversations/types';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { RatingPanel } from './RatingForm';
import { mergeMessages, type UiMessage } from './messages';
import { newClientMsgId, request, sendMessage } from './socket';
import { SubmissionPanel } from './SubmissionPanel';
import type { SubmissionOffer } from '@/domain/submissions/service';

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
}

type Connection = 'connecting' | 'online' | 'offline' | 'refused';

export interface VisitorChatProps {
  realtimeUrl: string;
  widgetKey: string;
  workspaceName: string;
  channel: 'desktop' | 'mobile' | 'app';
  entryUrl: string | null;
  name: string | null;
  designated: { type: 'agent' | 'group'; id: string; mode: 'must' | 'may' } | null;
  /** F5: whether the visitor may add to a sent submission (workspace setting). */
  allowFollowUp?: boolean;
  /** F2: partnerid (+ partnerIdHash), email, phone and custom params from the embed code; sent in the handshake. */
  identity?: { partnerId?: string; partnerIdHash?: string; email?: string; phone?: string; params?: Record<string, string> } | null;
}

const tokenKey = (widgetKey: string) => `livechat:visitor:${widgetKey}`;

function readToken(widgetKey: string): string | undefined {
  try {
    return localStorage.getItem(tokenKey(widgetKey)) ?? undefined;
  } catch {
    return undefined; // storage blocked (private mode, third-party restrictions): identity lasts the session
  }
}

/** The visitor side of the widget, rendered inside the iframe the loader opens. */
export function VisitorChat({ realtimeUrl, widgetKey, workspaceName, channel, entryUrl, name, designated, identity, allowFollowUp = true }: VisitorChatProps) {
  const socketRef = useRef<Socket | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conversation, setConversation] = useState<ConversationDto | null>(null);
  const [messages, setMessages] = useState<UiMessage[]>([]);
  const [queue, setQueue] = useState<QueueStatus | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // F5: the leave-a-message form offered instead of a chat, and what the visitor had typed (prefills it).
  const [offer, setOffer] = useState<SubmissionOffer | null>(null);
  const [unsent, setUnsent] = useState<string | null>(null);
  const unread = useRef(0);

  useEffect(() => {
    const socket = io(`${realtimeUrl}/visitor`, {
      transports: ['websocket', 'polling'],
      // A function so every reconnect presents the latest stored token.
      auth: (cb) => cb({ widgetKey, token: readToken(widgetKey), name: name ?? undefined, ...(identity ?? {}) }),
    });
    socketRef.current = socket;
    socket.on('connect', () => setConnection('online'));
    socket.on('disconnect', () => setConnection('offline'));
    socket.on('connect_error', (err) => {
      if (/^identity_unverified/.test(err.message)) {
        // F2: mandatory identity verification refused this partnerid (wrong or missing partnerid_hash).
        setConnection('refused');
        setRefusal('We could not verify your identity for this chat. Please sign in again on the site, or contact the site owner.');
        socket.disconnect();
      } else if (/unauthorized|bad_request/.test(err.message)) {
        setConnection('refused');
        setRefusal('This chat is not available. Please contact the site owner.');
        socket.disconnect();
      } else setConnection('offline');
    });
    socket.on('session', (session: Session) => {
      try {
        localStorage.setItem(tokenKey(widgetKey), session.token);
      } catch {
        /* storage unavailable */
      }
      setConversation(session.conversation);
      setMessages((current) => mergeMessages(current.filter((m) => m.pending || m.failed), session.messages));
      setQueue(session.queue);
      // A form offered before a reload comes back until it is sent (the server keeps the offer an hour).
      if (session.offer) setOffer(session.offer);
    });
    socket.on('message', (message: MessageDto) => {
      setMessages((current) => mergeMessages(current, [message]));
      if (message.senderType === 'agent') {
        setAgentTyping(null);
        if (document.hidden) {
          unread.current += 1;
          window.parent?.postMessage({ type: 'livechat:unread', count: unread.current }, '*');
        }
      }
    });
    socket.on('conversation.updated', (c: ConversationDto) => {
      setConversation((current) => (current && current.id !== c.id ? current : c));
      if (c.status !== 'queued') setQueue(null);
    });
    socket.on('queue.position', (q: QueueStatus) => setQueue(q));
    socket.on('notice', (n: { text: string; kind?: string; offer?: SubmissionOffer }) => {
      if (n.kind === 'submission_offered' && n.offer) setOffer(n.offer);
      else setNotice(n.text);
    });
    socket.on('typing', (t: { typing: boolean; name: string | null }) => setAgentTyping(t.typing ? `${t.name ?? 'Agent'} is typing…` : null));
    const onVisible = () => {
      if (!document.hidden) unread.current = 0;
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      socket.disconnect();
    };
  }, [realtimeUrl, widgetKey, name]);

  const open = conversation && conversation.status !== 'ended' ? conversation : null;

  const startChat = useCallback(async (): Promise<ConversationDto | null> => {
    const socket = socketRef.current;
    if (!socket) return null;
    setStarting(true);
    setNotice(null);
    setOffer(null);
    setError(null);
    const result = await request<{ conversation: ConversationDto; messages: MessageDto[]; queue: QueueStatus | null }>(socket, 'chat.start', {
      channel,
      ...(entryUrl ? { entryUrl } : {}),
      ...(designated ? { designated } : {}),
    });
    setStarting(false);
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setConversation(result.conversation);
    setMessages(result.messages);
    setQueue(result.queue);
    return result.conversation.status === 'ended' ? null : result.conversation;
  }, [channel, entryUrl, designated]);

  const send = useCallback(
    async (body: string, clientMsgId = newClientMsgId()) => {
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
      };
      setMessages((current) => mergeMessages(current, [optimistic]));
      const result = await sendMessage<{ message: MessageDto }>(socket, { conversationId: target.id, clientMsgId, body }, (retrying) => setMessages((current) => mergeMessages(current, [{ ...optimistic, retrying }])));
      setMessages((current) => mergeMessages(current, [result.ok ? result.message : { ...optimistic, pending: false, failed: result.error.message, blocked: result.error.code === 'blocked' }]));
    },
    [open, startChat],
  );

  const endChat = async () => {
    const socket = socketRef.current;
    if (!socket || !open) return;
    const result = await request<{ conversation: ConversationDto }>(socket, 'chat.end', { conversationId: open.id });
    if (result.ok) setConversation(result.conversation);
    else setError(result.error.message);
  };

  const onTyping = (typing: boolean) => {
    if (open && socketRef.current) void request(socketRef.current, 'typing', { conversationId: open.id, typing });
  };

  const status = headerStatus(connection, open, queue?.position ?? null);

  return (
    <div className="flex h-dvh flex-col bg-slate-50">
      <header className="flex items-center justify-between gap-3 bg-indigo-600 px-4 py-3 text-white">
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold">{workspaceName}</h1>
          <p className="truncate text-xs text-indigo-100" data-testid="widget-status">
            {status}
          </p>
        </div>
        <div className="flex items-center gap-1">
          {open ? (
            <button type="button" onClick={endChat} className="rounded-md px-2 py-1 text-xs font-medium text-indigo-50 hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-white" data-testid="end-chat">
              End chat
            </button>
          ) : null}
          <button
            type="button"
            aria-label="Minimise chat"
            onClick={() => window.parent?.postMessage({ type: 'livechat:close' }, '*')}
            className="rounded-md p-1.5 hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-white"
          >
            <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <path d="M6 9l6 6 6-6" />
            </svg>
          </button>
        </div>
      </header>

      {refusal ? (
        <p role="alert" className="m-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {refusal}
        </p>
      ) : null}
      {open?.status === 'queued' && queue ? (
        <div className="flex items-start justify-between gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <p role="status" data-testid="queue-position" data-position={queue.position}>
            {queue.text}
          </p>
          <button type="button" onClick={endChat} className="shrink-0 font-medium underline hover:text-amber-700" data-testid="leave-queue">
            Leave queue
          </button>
        </div>
      ) : null}

      <MessageList
        messages={messages}
        self="visitor"
        typing={agentTyping}
        onRetry={(m) => void send(m.body, m.clientMsgId ?? undefined)}
        emptyText={connection === 'connecting' ? 'Connecting…' : 'Hi! How can we help you today? Write a message to start.'}
      >
        <SubmissionPanel
          socket={socketRef.current}
          connected={connection === 'online'}
          offer={offer}
          initialContent={unsent}
          allowFollowUp={allowFollowUp}
          onSubmitted={() => {
            setOffer(null);
            setUnsent(null);
          }}
        />
      </MessageList>
      {open?.status === 'unassigned' ? (
        <p className="mx-4 mb-2 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900" role="status" data-testid="always-on-notice">
          We&apos;ll reply as soon as we can — you can leave this page; replies will be here when you come back.
        </p>
      ) : null}

      {notice ? (
        <p className="mx-4 mb-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" role="status" data-testid="widget-notice">
          {notice}
        </p>
      ) : null}
      <RatingPanel socket={socketRef.current} conversationId={conversation?.id ?? null} connected={connection === 'online'} />
      {error ? (
        <p className="mx-4 mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          {error}
        </p>
      ) : null}
      {conversation?.status === 'ended' && offer ? null : conversation?.status === 'ended' ? (
        <div className="border-t border-slate-200 bg-white px-4 py-3 text-center">
          <p className="text-sm text-slate-600">This chat has ended.</p>
          <button
            type="button"
            onClick={() => void startChat()}
            disabled={starting || connection !== 'online'}
            className="mt-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:bg-indigo-300"
            data-testid="new-chat"
          >
            Start a new chat
          </button>
        </div>
      ) : (
        <Composer onSend={(body) => void send(body)} onTyping={onTyping} disabled={connection !== 'online' || starting} />
      )}
    </div>
  );
}

function headerStatus(connection: Connection, open: ConversationDto | null, queuePosition: number | null): string {
  if (connection === 'connecting') return 'Connecting…';
  if (connection === 'offline') return 'Reconnecting…';
  if (connection === 'refused') return 'Unavailable';
  if (!open) return 'We typically reply in a few minutes';
  if (open.status === 'queued') return queuePosition ? `Waiting for an agent · #${queuePosition} in queue` : 'Waiting for an agent';
  if (open.status === 'active') return `Chatting with ${open.agentName ?? 'an agent'}`;
  return 'Message us any time';
}
