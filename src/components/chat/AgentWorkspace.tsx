'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { CannedReplyDto } from '@/domain/canned/service';
import type { AttachmentDto, ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { MentionDto, NoteDto } from '@/domain/notes/service';
import type { TagDto } from '@/domain/tags/service';
import { filterByTags } from '@/domain/tags/filter';
import { cn } from '@/components/ui/cn';
import { MessageList } from './MessageList';
import { CustomerPanel } from './CustomerPanel';
import { catchUp, mergeMessages, unansweredCount, whisperToUi, type UiMessage } from './messages';
import { newClientMsgId, request, sendMessage } from './socket';
import { TransferDialog } from './TransferDialog';
import { UnassignedPool } from './UnassignedPool';
import { alertAgent, useUnreadTitle } from './workspace/alerts';
import { AgentComposer } from './workspace/AgentComposer';
import { CannedManager } from './workspace/CannedManager';
import { ConversationGroup, sortByWaiting, visitorLabel, type Preview } from './workspace/ConversationList';
import { ShortcutsHelp, useShortcuts } from './workspace/ShortcutsHelp';
import { VisitorContextPanel } from './workspace/VisitorContextPanel';
import type { ComposerApi } from './Composer';

type Status = 'online' | 'busy' | 'offline';
interface Presence {
  status: Status;
  load: number;
  limit: number;
}
/** Below the `md`/`lg` breakpoints one column shows at a time; this says which. */
type View = 'list' | 'chat' | 'details';

interface Overview {
  conversations: ConversationDto[];
  previews: Record<string, Preview>;
  tags: Record<string, TagDto[]>;
  waiting: number;
}

const STATUS_LABEL: Record<Status, string> = { online: 'Online', busy: 'Busy', offline: 'Offline' };
/** "Ended by …" in words for people. */
function endedLabel(endedBy: ConversationDto['endedBy']): string {
  if (endedBy === 'abandoned') return 'Visitor left while waiting';
  if (endedBy === 'system') return 'Ended automatically';
  return endedBy ? `Ended by the ${endedBy}` : 'Ended';
}
const STATUS_DOT: Record<Status, string> = { online: 'bg-green-500', busy: 'bg-amber-500', offline: 'bg-slate-400' };


export function AgentWorkspace({ user, canAttach = true }: { user: { id: string; name: string; role: string }; canAttach?: boolean }) {
  const socketRef = useRef<Socket | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const [presence, setPresence] = useState<Presence | null>(null);
  const [conversations, setConversations] = useState<ConversationDto[] | null>(null);
  const [previews, setPreviews] = useState<Record<string, Preview>>({});
  const [convTags, setConvTags] = useState<Record<string, TagDto[]>>({});
  const [allTags, setAllTags] = useState<TagDto[]>([]);
  const [tagFilter, setTagFilter] = useState<string>('');
  const [waiting, setWaiting] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<View>('list');
  const [messages, setMessages] = useState<Record<string, UiMessage[]>>({});
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const [typing, setTyping] = useState<Record<string, boolean>>({});
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [statusSaving, setStatusSaving] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [cannedOpen, setCannedOpen] = useState(false);
  const [canned, setCanned] = useState<CannedReplyDto[]>([]);
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const composerRef = useRef<(ComposerApi & { setMode: (m: 'reply' | 'note') => void }) | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;
  const conversationsRef = useRef<ConversationDto[] | null>(null);
  conversationsRef.current = conversations;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const upsertConversation = useCallback((c: ConversationDto) => {
    setConversations((current) => {
      const list = current ?? [];
      return list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? { ...x, ...c } : x)) : [c, ...list];
    });
  }, []);

  const addMessages = useCallback((conversationId: string, incoming: UiMessage[]) => {
    setMessages((all) => ({ ...all, [conversationId]: mergeMessages(all[conversationId] ?? [], incoming) }));
  }, []);

  const loadHistory = useCallback(
    async (conversationId: string) => {
      const s = socketRef.current;
      if (!s) return;
      const [history, notes] = await Promise.all([
        request<{ messages: MessageDto[] }>(s, 'history', { conversationId }),
        // Internal notes and supervisors' whispers: staff only, placed in the transcript.
        request<{ notes: NoteDto[] }>(s, 'note.list', { conversationId }),
      ]);
      if (history.ok) addMessages(conversationId, history.messages);
      if (notes.ok) addMessages(conversationId, notes.notes.map(whisperToUi));
    },
    [addMessages],
  );

  const loadCanned = useCallback(async () => {
    const s = socketRef.current;
    if (!s) return;
    const r = await request<{ replies: CannedReplyDto[] }>(s, 'canned.list');
    if (r.ok) setCanned(r.replies);
  }, []);

  const select = useCallback((id: string) => {
    setSelectedId(id);
    setView('chat');
    setUnread((u) => ({ ...u, [id]: 0 }));
  }, []);
  const viewRef = useRef<View>('list');
  viewRef.current = view;
  /** Whether the agent can see this chat's messages right now (tab visible, chat open and on screen). */
  const isSeen = (conversationId: string) =>
    selectedRef.current === conversationId && !document.hidden && (viewRef.current === 'chat' || window.matchMedia('(min-width: 768px)').matches);

  useEffect(() => {
    const close = connectStaffSocket({
      namespace: '/agent',
      callbackPath: '/agent',
      onConnectedChange: setConnected,
      onError: setConnectError,
      onConnect: async (s) => {
        const [overview, tags, team] = await Promise.all([request<Overview>(s, 'conversations.overview'), request<{ tags: TagDto[] }>(s, 'tags.list'), request<{ staff: { id: string; name: string }[] }>(s, 'staff.list')]);
        if (overview.ok) {
          setConversations(overview.conversations);
          setPreviews(overview.previews);
          setConvTags(overview.tags);
          setWaiting(overview.waiting);
        }
        if (tags.ok) setAllTags(tags.tags);
        if (team.ok) setStaff(team.staff);
        void loadCanned();
        // Messages broadcast while this socket was away (node restart, network loss): fetch from the last seen seq.
        const missed = await catchUp((p) => request(s, 'sync', p), messagesRef.current, Object.keys(messagesRef.current));
        for (const [id, list] of Object.entries(missed)) addMessages(id, list);
        if (selectedRef.current) void loadHistory(selectedRef.current);
      },
      attach: (s) => {
        socketRef.current = s;
        setSocket(s);
        s.on('presence', (p: Presence) => setPresence(p));
        s.on('queue.length', (q: { waiting: number }) => setWaiting(q.waiting));
        s.on('conversation.assigned', (c: ConversationDto) => {
          upsertConversation(c);
          alertAgent('New chat', `${visitorLabel(c)} started a chat`, () => select(c.id));
          setSelectedId((current) => current ?? c.id);
          // The visitor's first messages came before this agent joined the room (no `message` event for
          // them): they count as unread unless the chat is on screen (on a phone the list shows first).
          void request<{ messages: MessageDto[] }>(s, 'history', { conversationId: c.id }).then((history) => {
            if (!history.ok) return;
            addMessages(c.id, history.messages);
            if (!isSeen(c.id)) setUnread((u) => ({ ...u, [c.id]: unansweredCount(history.messages) }));
          });
        });
        s.on('conversation.updated', (c: ConversationDto) => {
          upsertConversation(c);
          // Moved to someone else (manual or auto-transfer): it leaves "My chats".
          if (c.status !== 'ended' && c.agentId && c.agentId !== user.id) {
            setNotice(`The chat with ${visitorLabel(c)} was transferred to ${c.agentName ?? 'another agent'}.`);
          }
        });
        s.on('message', (m: MessageDto) => {
          addMessages(m.conversationId, [m]);
          if (m.senderType !== 'system') setPreviews((p) => ({ ...p, [m.conversationId]: { body: m.body.slice(0, 140), senderType: m.senderType, createdAt: m.createdAt } }));
          if (m.senderType !== 'visitor') return;
          setTyping((t) => ({ ...t, [m.conversationId]: false }));
          if (!isSeen(m.conversationId)) {
            setUnread((u) => ({ ...u, [m.conversationId]: (u[m.conversationId] ?? 0) + 1 }));
            const c = conversationsRef.current?.find((x) => x.id === m.conversationId);
            alertAgent(`Message from ${c ? visitorLabel(c) : 'a visitor'}`, m.body, () => select(m.conversationId));
          }
        });
        s.on('typing', (t: { conversationId: string; typing: boolean }) => setTyping((all) => ({ ...all, [t.conversationId]: t.typing })));
        s.on('note', (n: NoteDto) => addMessages(n.conversationId, [whisperToUi(n)]));
        s.on('note.mention', (m: MentionDto) => {
          setNotice(`${m.note.authorName ?? 'A colleague'} mentioned you in a note about ${m.visitorName ?? 'a visitor'}: “${m.note.body.slice(0, 120)}”`);
          alertAgent(`${m.note.authorName ?? 'A colleague'} mentioned you`, m.note.body);
        });
        s.on('conversation.tags', (e: { conversationId: string; tags: TagDto[] }) => setConvTags((all) => ({ ...all, [e.conversationId]: e.tags })));
      },
    });
    return close;
  }, [loadHistory, loadCanned, upsertConversation, addMessages, select, user.id]);

  useEffect(() => {
    if (!selectedId) return;
    // Selected is not read: a chat picked automatically stays unread while the list is what shows.
    if (isSeen(selectedId)) setUnread((u) => ({ ...u, [selectedId]: 0 }));
    setTransferOpen(false);
    setConfirmEnd(false);
    void loadHistory(selectedId);
  }, [selectedId, loadHistory]);

  // Coming back to the tab: the open chat counts as read.
  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && selectedRef.current) setUnread((u) => ({ ...u, [selectedRef.current!]: 0 }));
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  useUnreadTitle(Object.values(unread).reduce((a, b) => a + b, 0));

  const setStatus = async (status: Status) => {
    if (!socket) return;
    setStatusSaving(true);
    const result = await request<{ presence: Presence }>(socket, 'status.set', { status });
    setStatusSaving(false);
    if (result.ok) setPresence(result.presence);
    else setError(result.error.message);
  };

  const selected = conversations?.find((c) => c.id === selectedId) ?? null;
  const isTransferredAway = useCallback((c: ConversationDto) => c.status !== 'ended' && !!c.agentId && c.agentId !== user.id, [user.id]);
  const visible = useMemo(() => filterByTags(conversations ?? [], convTags, tagFilter ? [tagFilter] : []), [conversations, convTags, tagFilter]);
  const open = useMemo(() => sortByWaiting(visible.filter((c) => c.status !== 'ended' && !isTransferredAway(c)), previews), [visible, isTransferredAway, previews]);
  const transferred = useMemo(() => visible.filter(isTransferredAway), [visible, isTransferredAway]);
  const ended = useMemo(() => visible.filter((c) => c.status === 'ended'), [visible]);
  const selectedIsMine = !!selected && selected.status !== 'ended' && !isTransferredAway(selected);
  const ordered = useMemo(() => [...open, ...transferred, ...ended], [open, transferred, ended]);

  const send = async (body: string, clientMsgId = newClientMsgId(), attachments: AttachmentDto[] = []) => {
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
    addMessages(conversationId, [optimistic]);
    const attachmentIds = attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {};
    const result = await sendMessage<{ message: MessageDto }>(socket, { conversationId, clientMsgId, body, ...attachmentIds }, (retrying) => addMessages(conversationId, [{ ...optimistic, retrying }]));
    addMessages(conversationId, [result.ok ? result.message : { ...optimistic, pending: false, failed: result.error.message, blocked: result.error.code === 'blocked' }]);
  };

  const endChat = async () => {
    setConfirmEnd(false);
    if (!socket || !selected || !selectedIsMine) return;
    const result = await request<{ conversation: ConversationDto }>(socket, 'chat.end', { conversationId: selected.id });
    if (result.ok) upsertConversation(result.conversation);
    else setError(result.error.message);
  };

  const canReopen = !!selected && selected.status === 'ended' && (selected.agentId === user.id || user.role !== 'agent');
  const reopenChat = async () => {
    if (!socket || !selected) return;
    const result = await request<{ conversation: ConversationDto }>(socket, 'chat.reopen', { conversationId: selected.id });
    if (result.ok) upsertConversation(result.conversation);
    else setError(result.error.message);
  };

  const onTransferred = (c: ConversationDto) => {
    setTransferOpen(false);
    upsertConversation(c);
    setNotice(`The chat with ${visitorLabel(c)} was transferred to ${c.agentName ?? 'another agent'}.`);
  };

  const onTyping = (isTyping: boolean) => {
    if (selected && socket) void request(socket, 'typing', { conversationId: selected.id, typing: isTyping });
  };

  const step = (delta: number) => {
    if (!ordered.length) return;
    const index = ordered.findIndex((c) => c.id === selectedId);
    select(ordered[(index + delta + ordered.length) % ordered.length].id);
  };
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useShortcuts(
    {
      next: () => step(1),
      previous: () => step(-1),
      focus: () => {
        composerRef.current?.setMode('reply');
        composerRef.current?.focus();
      },
      note: () => {
        composerRef.current?.setMode('note');
        setTimeout(() => composerRef.current?.focus(), 0);
      },
      transfer: () => selectedIsMine && setTransferOpen(true),
      end: () => {
        if (selectedIsMine) setConfirmEnd(true);
      },
    },
    openHelp,
  );

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-slate-100">
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
        <div className="flex min-w-0 items-center gap-2">
          <span className="truncate font-semibold text-slate-900">
            <span className="sm:hidden">Workspace</span>
            <span className="hidden sm:inline">Agent workspace</span>
          </span>
          <span className={cn('h-2 w-2 shrink-0 rounded-full sm:hidden', connected ? 'bg-green-500' : 'bg-amber-500')} aria-hidden="true" />
          <span className={cn('text-xs', connected ? 'sr-only text-green-700 sm:not-sr-only' : 'text-amber-700')} data-testid="connection-state">
            {connected ? 'Connected' : connectError ? `Not connected: ${connectError}` : 'Connecting…'}
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
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
                  'flex items-center gap-1.5 rounded-md px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 sm:px-3',
                  presence?.status === s ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
                )}
                data-testid={`status-${s}`}
              >
                <span className={cn('h-2 w-2 rounded-full', STATUS_DOT[s])} aria-hidden="true" />
                {STATUS_LABEL[s]}
              </button>
            ))}
          </div>
          <span className="text-sm text-slate-600" data-testid="load" title="Your chats / your limit">
            {presence ? `${presence.load} / ${presence.limit} chats` : '–'}
          </span>
          <button type="button" onClick={() => setCannedOpen(true)} disabled={!socket} className="text-sm text-indigo-700 hover:underline" data-testid="canned-manage">
            Canned replies
          </button>
          <a href="/agent/submissions" className="text-sm text-indigo-700 hover:underline" data-testid="submissions-link">
            Submissions
          </a>
          <a href="/agent/history" className="text-sm text-indigo-700 hover:underline" data-testid="history-link">
            History
          </a>
          <a href="/agent/reports" className="text-sm text-indigo-700 hover:underline" data-testid="my-figures-link">
            My figures
          </a>
          {user.role !== 'agent' ? (
            <a href="/admin" className="text-sm text-indigo-700 hover:underline">
              Console
            </a>
          ) : null}
          <a href="/account" className="text-sm text-indigo-700 hover:underline" data-testid="account-link">
            Account
          </a>
          <a href="/api/auth/signout" className="text-sm text-slate-600 hover:underline" title={`Signed in as ${user.name}`}>
            Sign out
          </a>
          <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
        </div>
      </header>
      {error ? (
        <p role="alert" className="flex justify-between gap-3 bg-red-50 px-4 py-2 text-sm text-red-800">
          {error}
          <button type="button" onClick={() => setError(null)} className="underline">
            Dismiss
          </button>
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="flex justify-between gap-3 bg-indigo-50 px-4 py-2 text-sm text-indigo-900" data-testid="workspace-notice">
          <span className="min-w-0 break-words">{notice}</span>
          <button type="button" onClick={() => setNotice(null)} className="shrink-0 underline">
            Dismiss
          </button>
        </p>
      ) : null}

      <div className="flex min-h-0 flex-1">
        <nav aria-label="Conversations" className={cn('w-full shrink-0 overflow-y-auto border-r border-slate-200 bg-white md:block md:w-72', view === 'list' ? 'block' : 'hidden')}>
          <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2">
            <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', waiting ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-600')} data-testid="queue-length">
              {waiting === 1 ? '1 visitor waiting' : `${waiting} visitors waiting`}
            </span>
            {allTags.length ? (
              <label className="flex items-center gap-1 text-xs text-slate-600">
                <span className="sr-only">Filter by tag</span>
                <select value={tagFilter} onChange={(e) => setTagFilter(e.target.value)} className="max-w-32 rounded-md border border-slate-300 px-1.5 py-1 text-xs" data-testid="tag-filter">
                  <option value="">All tags</option>
                  {allTags.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <UnassignedPool
            socket={socket}
            connected={connected}
            onClaimed={(c) => {
              upsertConversation(c);
              select(c.id);
            }}
          />
          <ConversationGroup testId="my-chats" title="My chats" items={open} selectedId={selectedId} unread={unread} typing={typing} previews={previews} tags={convTags} now={now} onSelect={select} empty={tagFilter ? 'No open chat has this tag.' : presence?.status === 'online' ? 'Waiting for visitors…' : 'Go online to receive chats.'} loading={conversations === null} />
          {transferred.length ? (
            <ConversationGroup testId="transferred-chats" title="Transferred" items={transferred} selectedId={selectedId} unread={unread} typing={typing} previews={previews} tags={convTags} now={now} onSelect={select} empty="" loading={false} subtitle={(c) => `to ${c.agentName ?? 'another agent'}`} />
          ) : null}
          <ConversationGroup title="Recently ended" items={ended} selectedId={selectedId} unread={unread} typing={typing} previews={previews} tags={convTags} now={now} onSelect={select} empty="No ended chats yet." loading={false} />
        </nav>

        <main className={cn('min-w-0 flex-1 flex-col', view === 'chat' ? 'flex' : view === 'details' ? 'hidden lg:flex' : 'hidden md:flex')}>
          {selected ? (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
                {/* Room for the visitor's name first: on a phone the buttons wrap below it. */}
                <div className="flex min-w-[12rem] flex-1 items-center gap-2">
                  <button type="button" onClick={() => setView('list')} className="shrink-0 rounded-md px-2 py-1 text-sm text-indigo-700 hover:bg-indigo-50 md:hidden" data-testid="back-to-list" aria-label="Back to the chat list">
                    ‹ Chats
                  </button>
                  <div className="min-w-0">
                    <h2 className="truncate font-medium text-slate-900" data-testid="chat-title">
                      {visitorLabel(selected)}
                    </h2>
                    <p className="truncate text-xs text-slate-500">
                      {selected.status === 'ended' ? endedLabel(selected.endedBy) : selectedIsMine ? 'Active' : `Transferred to ${selected.agentName ?? 'another agent'}`} · {selected.channel}
                    </p>
                  </div>
                </div>
                <div className="ml-auto flex shrink-0 gap-2">
                  <button type="button" onClick={() => setView('details')} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 lg:hidden" data-testid="show-details">
                    Details
                  </button>
                  {selectedIsMine ? (
                    <>
                      <button
                        type="button"
                        onClick={() => setTransferOpen(true)}
                        disabled={!connected}
                        aria-haspopup="dialog"
                        aria-keyshortcuts="Alt+T"
                        className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-400"
                        data-testid="agent-transfer"
                      >
                        Transfer
                      </button>
                      <button type="button" onClick={() => setConfirmEnd(true)} aria-expanded={confirmEnd} aria-keyshortcuts="Alt+E" className="rounded-md px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600" data-testid="agent-end-chat">
                        End
                      </button>
                    </>
                  ) : null}
                  {canReopen ? (
                    <button type="button" onClick={() => void reopenChat()} disabled={!connected} className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-400" data-testid="agent-reopen-chat">
                      Reopen
                    </button>
                  ) : null}
                </div>
              </div>
              {confirmEnd && selectedIsMine ? (
                <div role="alertdialog" aria-labelledby="agent-end-confirm-text" className="flex flex-wrap items-center justify-between gap-2 border-b border-red-100 bg-red-50 px-4 py-2 text-sm" data-testid="agent-end-confirm-bar">
                  <p id="agent-end-confirm-text" className="text-red-900">
                    End the chat with {visitorLabel(selected)}? You can reopen it afterwards.
                  </p>
                  <div className="flex gap-2">
                    <button type="button" onClick={() => setConfirmEnd(false)} className="rounded-md bg-white px-3 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" autoFocus>
                      Cancel
                    </button>
                    <button type="button" onClick={() => void endChat()} className="rounded-md bg-red-600 px-3 py-1 font-medium text-white hover:bg-red-500" data-testid="agent-end-confirm">
                      End chat
                    </button>
                  </div>
                </div>
              ) : null}
              {transferOpen && selectedIsMine && socket ? <TransferDialog socket={socket} conversation={selected} onClose={() => setTransferOpen(false)} onTransferred={onTransferred} /> : null}
              <MessageList messages={messages[selected.id] ?? []} self="agent" selfId={user.id} typing={typing[selected.id] ? 'Visitor is typing…' : null} onRetry={(m) => void send(m.body, m.clientMsgId ?? undefined, m.attachments)} />
              {selected.status !== 'ended' && !selectedIsMine ? (
                <p className="border-t border-slate-200 bg-white px-4 py-2 text-sm text-slate-600">{selected.agentName ?? 'Another agent'} has this chat now; you can still leave an internal note.</p>
              ) : null}
              <AgentComposer
                key={selected.id}
                socket={socket}
                conversationId={selected.id}
                canReply={selectedIsMine && connected}
                canned={canned}
                staff={staff}
                selfId={user.id}
                onSend={(b, files) => void send(b, undefined, files)}
                attach={canAttach ? { conversationId: selected.id } : null}
                onTyping={onTyping}
                onNote={(n) => addMessages(n.conversationId, [whisperToUi(n)])}
                onError={setError}
                onApi={(api) => (composerRef.current = api)}
              />
            </>
          ) : (
            <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-slate-500">{conversations === null ? 'Loading conversations…' : 'Select a conversation, or go online to receive new chats.'}</div>
          )}
        </main>

        {selected ? (
          <aside aria-label="Visitor details" className={cn('w-full shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm lg:block lg:w-80', view === 'details' ? 'block' : 'hidden')}>
            <button type="button" onClick={() => setView('chat')} className="mb-3 rounded-md px-2 py-1 text-sm text-indigo-700 hover:bg-indigo-50 lg:hidden" data-testid="back-to-chat">
              ‹ Back to the chat
            </button>
            <VisitorContextPanel
              socket={socket}
              conversation={selected}
              allTags={allTags}
              tags={convTags[selected.id] ?? []}
              onTagsChange={(t) => setConvTags((all) => ({ ...all, [selected.id]: t }))}
              onVisitorChange={(v) => setConversations((list) => list?.map((c) => (c.visitorId === v.id ? { ...c, visitorName: v.name, visitorEmail: v.email } : c)) ?? null)}
            />
            <CustomerPanel socket={socket} conversationId={selected.id} open={selected.status === 'active'} />
          </aside>
        ) : null}
      </div>
      {cannedOpen && socket ? <CannedManager socket={socket} replies={canned} onChanged={() => void loadCanned()} onClose={() => setCannedOpen(false)} /> : null}
    </div>
  );
}
