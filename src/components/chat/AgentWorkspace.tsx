'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { AttachmentDto, ConversationDto, MessageDto } from '@/domain/conversations/types';
import { cn } from '@/components/ui/cn';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { CustomerPanel } from './CustomerPanel';
import { catchUp, mergeMessages, whisperToUi, type UiMessage } from './messages';
import type { WhisperDto } from '@/domain/monitoring/types';
import { newClientMsgId, request, sendMessage } from './socket';
import { TransferDialog } from './TransferDialog';
import { UnassignedPool } from './UnassignedPool';

type Status = 'online' | 'busy' | 'offline';
interface Presence {
  status: Status;
  load: number;
  limit: number;
}

/** Short beep + browser notification when a chat arrives (F11). */
function announceNewChat(conversation: ConversationDto) {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* audio blocked until the user interacts: the notification still shows */
  }
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) {
    new Notification('New chat', { body: `${conversation.visitorName ?? 'A visitor'} started a chat` });
  }
}

const STATUS_LABEL: Record<Status, string> = { online: 'Online', busy: 'Busy', offline: 'Offline' };
const STATUS_DOT: Record<Status, string> = { online: 'bg-green-500', busy: 'bg-amber-500', offline: 'bg-slate-400' };

export function AgentWorkspace({ user }: { user: { id: string; name: string; role: string } }) {
  const socketRef = useRef<Socket | null>(null);
  const [connected, setConnected] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const [presence, setPresence] = useState<Presence | null>(null);
  const [conversations, setConversations] = useState<ConversationDto[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [messages, setMessages] = useState<Record<string, UiMessage[]>>({});
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const [typing, setTyping] = useState<Record<string, boolean>>({});
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [statusSaving, setStatusSaving] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;

  const upsertConversation = useCallback((c: ConversationDto) => {
    setConversations((current) => {
      const list = current ?? [];
      return list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [c, ...list];
    });
  }, []);

  const loadHistory = useCallback(async (conversationId: string) => {
    const socket = socketRef.current;
    if (!socket) return;
    const result = await request<{ messages: MessageDto[] }>(socket, 'history', { conversationId });
    if (result.ok) setMessages((all) => ({ ...all, [conversationId]: mergeMessages(all[conversationId] ?? [], result.messages) }));
    // Supervisors' whispers (F7): staff-only notes placed in the transcript.
    const whispers = await request<{ whispers: WhisperDto[] }>(socket, 'whisper.list', { conversationId });
    if (whispers.ok) setMessages((all) => ({ ...all, [conversationId]: mergeMessages(all[conversationId] ?? [], whispers.whispers.map(whisperToUi)) }));
  }, []);

  useEffect(() => {
    const close = connectStaffSocket({
      namespace: '/agent',
      callbackPath: '/agent',
      onConnectedChange: setConnected,
      onError: setConnectError,
      onConnect: async (socket) => {
        const list = await request<{ conversations: ConversationDto[] }>(socket, 'conversations.list');
        if (list.ok) setConversations(list.conversations);
        // Messages broadcast while this socket was away (node restart, network loss): fetch from the last seen seq.
        const missed = await catchUp((p) => request(socket, 'sync', p), messagesRef.current, Object.keys(messagesRef.current));
        for (const [id, list] of Object.entries(missed)) setMessages((all) => ({ ...all, [id]: mergeMessages(all[id] ?? [], list) }));
        if (selectedRef.current) void loadHistory(selectedRef.current);
      },
      attach: (socket) => {
        socketRef.current = socket;
        socket.on('presence', (p: Presence) => setPresence(p));
        socket.on('conversation.assigned', (c: ConversationDto) => {
          upsertConversation(c);
          announceNewChat(c);
          setSelectedId((current) => current ?? c.id);
        });
        socket.on('conversation.updated', (c: ConversationDto) => {
          upsertConversation(c);
          // Moved to someone else (manual or auto-transfer): it leaves "My chats".
          if (c.status !== 'ended' && c.agentId && c.agentId !== user.id) {
            setNotice(`The chat with ${visitorLabel(c)} was transferred to ${c.agentName ?? 'another agent'}.`);
          }
        });
        socket.on('message', (m: MessageDto) => {
          setMessages((all) => ({ ...all, [m.conversationId]: mergeMessages(all[m.conversationId] ?? [], [m]) }));
          if (m.senderType === 'visitor') setTyping((t) => ({ ...t, [m.conversationId]: false }));
          if (m.senderType === 'visitor' && selectedRef.current !== m.conversationId) {
            setUnread((u) => ({ ...u, [m.conversationId]: (u[m.conversationId] ?? 0) + 1 }));
          }
        });
        socket.on('typing', (t: { conversationId: string; typing: boolean }) => setTyping((all) => ({ ...all, [t.conversationId]: t.typing })));
        socket.on('whisper', (w: WhisperDto) => setMessages((all) => ({ ...all, [w.conversationId]: mergeMessages(all[w.conversationId] ?? [], [whisperToUi(w)]) })));
      },
    });
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => {});
    return close;
  }, [loadHistory, upsertConversation, user.id]);

  useEffect(() => {
    if (!selectedId) return;
    setUnread((u) => ({ ...u, [selectedId]: 0 }));
    void loadHistory(selectedId);
  }, [selectedId, loadHistory]);

  const setStatus = async (status: Status) => {
    const socket = socketRef.current;
    if (!socket) return;
    setStatusSaving(true);
    const result = await request<{ presence: Presence }>(socket, 'status.set', { status });
    setStatusSaving(false);
    if (result.ok) setPresence(result.presence);
    else setError(result.error.message);
  };

  const selected = conversations?.find((c) => c.id === selectedId) ?? null;
  const isTransferredAway = useCallback((c: ConversationDto) => c.status !== 'ended' && !!c.agentId && c.agentId !== user.id, [user.id]);
  const open = useMemo(() => (conversations ?? []).filter((c) => c.status !== 'ended' && !isTransferredAway(c)), [conversations, isTransferredAway]);
  const transferred = useMemo(() => (conversations ?? []).filter(isTransferredAway), [conversations, isTransferredAway]);
  const selectedIsMine = !!selected && selected.status !== 'ended' && !isTransferredAway(selected);
  const ended = useMemo(() => (conversations ?? []).filter((c) => c.status === 'ended'), [conversations]);

  const send = async (body: string, clientMsgId = newClientMsgId(), attachments: AttachmentDto[] = []) => {
    const socket = socketRef.current;
    if (!socket || !selected) return;
    const conversationId = selected.id;
    const optimistic: UiMessage = {
      id: '',
      conversationId,
      seq: Number.MAX_SAFE_INTEGER,
      senderType: 'agent',
      senderId: user.id,
      senderName: user.name,
      body,
      clientMsgId,
      createdAt: new Date().toISOString(),
      pending: true,
      ...(attachments.length ? { attachments } : {}),
    };
    setMessages((all) => ({ ...all, [conversationId]: mergeMessages(all[conversationId] ?? [], [optimistic]) }));
    const attachmentIds = attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {};
    const result = await sendMessage<{ message: MessageDto }>(socket, { conversationId, clientMsgId, body, ...attachmentIds }, (retrying) =>
      setMessages((all) => ({ ...all, [conversationId]: mergeMessages(all[conversationId] ?? [], [{ ...optimistic, retrying }]) })),
    );
    setMessages((all) => ({
      ...all,
      [conversationId]: mergeMessages(all[conversationId] ?? [], [result.ok ? result.message : { ...optimistic, pending: false, failed: result.error.message, blocked: result.error.code === 'blocked' }]),
    }));
  };

  const endChat = async () => {
    const socket = socketRef.current;
    if (!socket || !selected) return;
    const result = await request<{ conversation: ConversationDto }>(socket, 'chat.end', { conversationId: selected.id });
    if (result.ok) upsertConversation(result.conversation);
    else setError(result.error.message);
  };

  const onTransferred = (c: ConversationDto) => {
    setTransferOpen(false);
    upsertConversation(c);
    setNotice(`The chat with ${visitorLabel(c)} was transferred to ${c.agentName ?? 'another agent'}.`);
  };

  const onTyping = (isTyping: boolean) => {
    if (selected && socketRef.current) void request(socketRef.current, 'typing', { conversationId: selected.id, typing: isTyping });
  };

  return (
    <div className="flex h-dvh flex-col bg-slate-100">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <div className="flex items-center gap-3">
          <span className="font-semibold text-slate-900">Agent workspace</span>
          <span className={cn('text-xs', connected ? 'text-green-700' : 'text-amber-700')} data-testid="connection-state">
            {connected ? 'Connected' : connectError ? `Not connected: ${connectError}` : 'Connecting…'}
          </span>
        </div>
        <div className="flex items-center gap-3">
          <div role="radiogroup" aria-label="Your status" className="flex rounded-lg bg-slate-100 p-0.5">
            {(['online', 'busy', 'offline'] as Status[]).map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={presence?.status === s}
                // Enabled once the server sent the current presence, so a quick click is not overwritten by it.
                disabled={!connected || statusSaving || !presence}
                onClick={() => void setStatus(s)}
                className={cn(
                  'flex items-center gap-1.5 rounded-md px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600',
                  presence?.status === s ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
                )}
                data-testid={`status-${s}`}
              >
                <span className={cn('h-2 w-2 rounded-full', STATUS_DOT[s])} aria-hidden="true" />
                {STATUS_LABEL[s]}
              </button>
            ))}
          </div>
          <span className="text-sm text-slate-600" data-testid="load">
            {presence ? `${presence.load} / ${presence.limit} chats` : '–'}
          </span>
          <span className="hidden text-sm text-slate-500 sm:inline">{user.name}</span>
          <a href="/agent/submissions" className="text-sm text-indigo-700 hover:underline" data-testid="submissions-link">
            Submissions
          </a>
          <a href="/agent/history" className="text-sm text-indigo-700 hover:underline" data-testid="history-link">
            History
          </a>
          {user.role !== 'agent' ? (
            <a href="/admin" className="text-sm text-indigo-700 hover:underline">
              Console
            </a>
          ) : null}
          <a href="/api/auth/signout" className="text-sm text-slate-600 hover:underline">
            Sign out
          </a>
        </div>
      </header>
      {error ? (
        <p role="alert" className="flex justify-between bg-red-50 px-4 py-2 text-sm text-red-800">
          {error}
          <button type="button" onClick={() => setError(null)} className="underline">
            Dismiss
          </button>
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="flex justify-between bg-indigo-50 px-4 py-2 text-sm text-indigo-900" data-testid="workspace-notice">
          {notice}
          <button type="button" onClick={() => setNotice(null)} className="underline">
            Dismiss
          </button>
        </p>
      ) : null}

      <div className="flex min-h-0 flex-1">
        <nav aria-label="Conversations" className="w-72 shrink-0 overflow-y-auto border-r border-slate-200 bg-white">
          <UnassignedPool
            socket={socketRef.current}
            connected={connected}
            onClaimed={(c) => {
              upsertConversation(c);
              setSelectedId(c.id);
            }}
          />
          <ConversationGroup testId="my-chats" title="My chats" items={open} selectedId={selectedId} unread={unread} typing={typing} onSelect={setSelectedId} empty={presence?.status === 'online' ? 'Waiting for visitors…' : 'Go online to receive chats.'} loading={conversations === null} />
          {transferred.length ? (
            <ConversationGroup
              testId="transferred-chats"
              title="Transferred"
              items={transferred}
              selectedId={selectedId}
              unread={unread}
              typing={typing}
              onSelect={setSelectedId}
              empty=""
              loading={false}
              subtitle={(c) => `to ${c.agentName ?? 'another agent'}`}
            />
          ) : null}
          <ConversationGroup title="Recently ended" items={ended} selectedId={selectedId} unread={unread} typing={typing} onSelect={setSelectedId} empty="No ended chats yet." loading={false} />
        </nav>

        <main className="flex min-w-0 flex-1 flex-col">
          {selected ? (
            <>
              <div className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2">
                <div className="min-w-0">
                  <h2 className="truncate font-medium text-slate-900" data-testid="chat-title">
                    {selected.visitorName ?? `Visitor ${selected.visitorId.slice(0, 8)}`}
                  </h2>
                  <p className="text-xs text-slate-500">
                    {selected.status === 'ended' ? `Ended by ${selected.endedBy}` : selectedIsMine ? 'Active' : `Transferred to ${selected.agentName ?? 'another agent'}`} · {selected.channel}
                  </p>
                </div>
                {selectedIsMine ? (
                  <div className="flex shrink-0 gap-2">
                    <button
                      type="button"
                      onClick={() => setTransferOpen(true)}
                      disabled={!connected}
                      aria-haspopup="dialog"
                      className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-400"
                      data-testid="agent-transfer"
                    >
                      Transfer
                    </button>
                    <button type="button" onClick={() => void endChat()} className="rounded-md px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600" data-testid="agent-end-chat">
                      End chat
                    </button>
                  </div>
                ) : null}
              </div>
              {transferOpen && selectedIsMine && socketRef.current ? (
                <TransferDialog socket={socketRef.current} conversation={selected} onClose={() => setTransferOpen(false)} onTransferred={onTransferred} />
              ) : null}
              <MessageList messages={messages[selected.id] ?? []} self="agent" typing={typing[selected.id] ? 'Visitor is typing…' : null} onRetry={(m) => void send(m.body, m.clientMsgId ?? undefined, m.attachments)} />
              {selectedIsMine ? <Composer onSend={(b, files) => void send(b, undefined, files)} onTyping={onTyping} disabled={!connected} label="Reply" placeholder="Write a reply…" attach={{ conversationId: selected.id }} /> : null}
              {selected.status !== 'ended' && !selectedIsMine ? (
                <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
                  {selected.agentName ?? 'Another agent'} has this chat now; you can no longer reply.
                </p>
              ) : null}
            </>
          ) : (
            <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-slate-500">
              {conversations === null ? 'Loading conversations…' : 'Select a conversation, or go online to receive new chats.'}
            </div>
          )}
        </main>

        {selected ? (
          <aside aria-label="Visitor details" className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm lg:block">
            <h3 className="font-medium text-slate-900">Visitor</h3>
            <dl className="mt-3 space-y-2">
              <Detail label="Name" value={selected.visitorName ?? 'Anonymous'} />
              <Detail label="Visitor id" value={selected.visitorId} />
              <Detail label="Channel" value={selected.channel} />
              <Detail label="Entry page" value={selected.entryUrl ?? '–'} />
              <Detail label="Started" value={new Date(selected.startedAt).toLocaleString()} />
            </dl>
            <CustomerPanel socket={socketRef.current} conversationId={selected.id} open={selected.status === 'active'} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-all text-slate-800">{value}</dd>
    </div>
  );
}

function visitorLabel(c: ConversationDto): string {
  return c.visitorName ?? `Visitor ${c.visitorId.slice(0, 8)}`;
}

function ConversationGroup({
  testId,
  subtitle,
  title,
  items,
  selectedId,
  unread,
  typing,
  onSelect,
  empty,
  loading,
}: {
  title: string;
  items: ConversationDto[];
  selectedId: string | null;
  unread: Record<string, number>;
  typing: Record<string, boolean>;
  onSelect: (id: string) => void;
  empty: string;
  loading: boolean;
  testId?: string;
  subtitle?: (c: ConversationDto) => string;
}) {
  return (
    <section className="border-b border-slate-100 py-2" data-testid={testId}>
      <h2 className="px-4 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {title} {items.length ? `(${items.length})` : ''}
      </h2>
      {loading ? <p className="px-4 py-2 text-sm text-slate-400">Loading…</p> : null}
      {!loading && items.length === 0 ? <p className="px-4 py-2 text-sm text-slate-400">{empty}</p> : null}
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              onClick={() => onSelect(c.id)}
              aria-current={c.id === selectedId ? 'true' : undefined}
              className={cn(
                'flex w-full items-center justify-between gap-2 px-4 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                c.id === selectedId && 'bg-indigo-50',
              )}
              data-testid="conversation-item"
            >
              <span className="min-w-0">
                <span className="block truncate font-medium text-slate-800">{c.visitorName ?? `Visitor ${c.visitorId.slice(0, 8)}`}</span>
                <span className="block truncate text-xs text-slate-500">{typing[c.id] ? 'typing…' : subtitle ? subtitle(c) : c.entryUrl ?? c.channel}</span>
              </span>
              {unread[c.id] ? <span className="rounded-full bg-indigo-600 px-2 text-xs font-medium text-white">{unread[c.id]}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
