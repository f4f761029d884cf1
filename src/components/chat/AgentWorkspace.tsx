'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationDto } from '@/domain/conversations/types';
import { filterByTags } from '@/domain/tags/filter';
import { cn } from '@/components/ui/cn';
import { CustomerPanel } from './CustomerPanel';
import { whisperToUi } from './messages';
import { UnassignedPool } from './UnassignedPool';
import { useAgentInbox } from './agent/useAgentInbox';
import { useUnreadTitle } from './workspace/alerts';
import { CannedManager } from './workspace/CannedManager';
import { ChatPane } from './workspace/ChatPane';
import { ConversationGroup, sortByWaiting, visitorLabel } from './workspace/ConversationList';
import { useShortcuts } from './workspace/ShortcutsHelp';
import { VisitorContextPanel } from './workspace/VisitorContextPanel';
import { Banner, WorkspaceHeader } from './workspace/WorkspaceHeader';
import type { ComposerApi } from './Composer';
import { request } from './socket';
import { CollisionAvatars, CollisionConfirm } from './workspace/CollisionAvatars'; // F17 collision guard
import { useCollision } from './workspace/useCollision'; // F17 collision guard
import { CommandPalette, focusWhenReady, usePaletteShortcut } from './workspace/CommandPalette'; // F17 keyboard-first
import { SneakPeek } from './workspace/SneakPeek'; // F17 sneak peek

/** Below the `md`/`lg` breakpoints one column shows at a time; this says which. */
type View = 'list' | 'chat' | 'details';

/**
 * The agent workspace: a view of `useAgentInbox` (socket, events, reducer) with the layout state of its own
 * (which column shows on a phone, dialogs, the tag filter).
 */
export function AgentWorkspace({ user, canAttach = true }: { user: { id: string; name: string; role: string }; canAttach?: boolean }) {
  const [view, setView] = useState<View>('list');
  const viewRef = useRef<View>('list');
  viewRef.current = view;
  const selectedRef = useRef<string | null>(null);
  /** Whether the agent can see this chat's messages right now (tab visible, chat open and on screen). */
  const isSeen = useCallback(
    (conversationId: string) => selectedRef.current === conversationId && !document.hidden && (viewRef.current === 'chat' || window.matchMedia('(min-width: 768px)').matches),
    [],
  );
  const inbox = useAgentInbox(user, isSeen, () => setView('chat'));
  const { state, dispatch, socket, connected, actions } = inbox;
  selectedRef.current = state.selectedId;
  const [tagFilter, setTagFilter] = useState('');
  const [transferOpen, setTransferOpen] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [cannedOpen, setCannedOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const composerRef = useRef<(ComposerApi & { setMode: (m: 'reply' | 'note') => void }) | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const { selectedId, loadHistory } = { selectedId: state.selectedId, loadHistory: actions.loadHistory };
  useEffect(() => {
    if (!selectedId) return;
    // Selected is not read: a chat picked automatically stays unread while the list is what shows.
    if (isSeen(selectedId)) dispatch({ type: 'read', conversationId: selectedId });
    setTransferOpen(false);
    setConfirmEnd(false);
    void loadHistory(selectedId);
  }, [selectedId, loadHistory, isSeen, dispatch]);

  // Coming back to the tab: the open chat counts as read.
  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && selectedRef.current) dispatch({ type: 'read', conversationId: selectedRef.current });
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [dispatch]);
  useUnreadTitle(Object.values(state.unread).reduce((a, b) => a + b, 0));

  const { conversations, previews, convTags, unread, typing } = state;
  const selected = conversations?.find((c) => c.id === selectedId) ?? null;
  const isTransferredAway = useCallback((c: ConversationDto) => c.status !== 'ended' && !!c.agentId && c.agentId !== user.id, [user.id]);
  const visible = useMemo(() => filterByTags(conversations ?? [], convTags, tagFilter ? [tagFilter] : []), [conversations, convTags, tagFilter]);
  const open = useMemo(() => sortByWaiting(visible.filter((c) => c.status !== 'ended' && !isTransferredAway(c)), previews), [visible, isTransferredAway, previews]);
  const transferred = useMemo(() => visible.filter(isTransferredAway), [visible, isTransferredAway]);
  const ended = useMemo(() => visible.filter((c) => c.status === 'ended'), [visible]);
  const selectedIsMine = !!selected && selected.status !== 'ended' && !isTransferredAway(selected);
  const canReopen = !!selected && selected.status === 'ended' && (selected.agentId === user.id || user.role !== 'agent');
  const ordered = useMemo(() => [...open, ...transferred, ...ended], [open, transferred, ended]);
  const collision = useCollision(socket, selected?.id ?? null, user.id, selected ? (state.messages[selected.id] ?? []) : []); // F17

  const endChat = () => {
    setConfirmEnd(false);
    if (selected && selectedIsMine) void actions.end(selected.id);
  };
  const step = (delta: number) => {
    if (!ordered.length) return;
    const index = ordered.findIndex((c) => c.id === selectedId);
    actions.select(ordered[(index + delta + ordered.length) % ordered.length].id);
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
      end: () => selectedIsMine && setConfirmEnd(true),
    },
    openHelp,
  );
  const group = { selectedId, unread, typing, previews, tags: convTags, now, onSelect: actions.select };
  // F17 command palette (Ctrl/⌘+K): every action by keyboard; the command list is built in workspace/commands.ts.
  const [paletteOpen, setPaletteOpen] = useState(false);
  usePaletteShortcut(() => setPaletteOpen(true));
  const palette = paletteOpen ? (
    <CommandPalette
      onClose={() => setPaletteOpen(false)}
      context={{
        chats: ordered.map((c) => ({ id: c.id, label: visitorLabel(c), detail: `${c.visitorEmail ?? ''} ${previews[c.id]?.body ?? ''}` })),
        selectedId,
        canAct: selectedIsMine,
        tags: state.allTags.map((t) => ({ id: t.id, name: t.name, on: !!selected && (convTags[selected.id] ?? []).some((x) => x.id === t.id) })),
        canned: state.canned.map((c) => ({ id: c.id, shortcut: c.shortcut, body: c.body })),
        status: state.presence?.status ?? null,
        go: actions.select,
        transfer: () => setTransferOpen(true),
        end: () => setConfirmEnd(true),
        note: () => (composerRef.current?.setMode('note'), focusWhenReady(() => composerRef.current)),
        focus: () => (composerRef.current?.setMode('reply'), focusWhenReady(() => composerRef.current)),
        toggleTag: (id) => {
          if (!socket || !selected) return;
          const current = (convTags[selected.id] ?? []).map((t) => t.id);
          const tagIds = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
          void request(socket, 'conversation.tags.set', { conversationId: selected.id, tagIds }).then((r) => (r.ok ? dispatch({ type: 'conversation.tags', conversationId: selected.id, tags: r.tags }) : inbox.setError(r.error.message)));
        },
        useCanned: (id) => {
          if (!socket || !selected) return;
          composerRef.current?.setMode('reply');
          void request(socket, 'canned.render', { conversationId: selected.id, id }).then((r) => (r.ok ? (composerRef.current?.setText(r.body), focusWhenReady(() => composerRef.current)) : inbox.setError(r.error.message)));
        },
        setStatus: (st) => void actions.setStatus(st),
        search: (q) => window.location.assign(`/agent/history?q=${encodeURIComponent(q)}`),
        shortcuts: openHelp,
      }}
    />
  ) : null;

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-slate-100">
      <WorkspaceHeader
        user={user}
        connected={connected}
        connectError={inbox.connectError}
        presence={state.presence}
        statusSaving={inbox.statusSaving}
        canManageCanned={!!socket}
        helpOpen={helpOpen}
        onHelpOpenChange={setHelpOpen}
        onStatus={(s) => void actions.setStatus(s)}
        onCanned={() => setCannedOpen(true)}
        onCommands={() => setPaletteOpen(true)}
      />
      {inbox.error ? <Banner tone="error" text={inbox.error} onDismiss={() => inbox.setError(null)} /> : null}
      {state.notice ? <Banner tone="notice" text={state.notice} onDismiss={() => actions.notice(null)} /> : null}

      <div className="flex min-h-0 flex-1">
        <nav aria-label="Conversations" className={cn('w-full shrink-0 overflow-y-auto border-r border-slate-200 bg-white md:block md:w-72', view === 'list' ? 'block' : 'hidden')}>
          <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2">
            <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', state.waiting ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-600')} data-testid="queue-length">
              {state.waiting === 1 ? '1 visitor waiting' : `${state.waiting} visitors waiting`}
            </span>
            {state.allTags.length ? (
              <label className="flex items-center gap-1 text-xs text-slate-600">
                <span className="sr-only">Filter by tag</span>
                <select value={tagFilter} onChange={(e) => setTagFilter(e.target.value)} className="max-w-32 rounded-md border border-slate-300 px-1.5 py-1 text-xs" data-testid="tag-filter">
                  <option value="">All tags</option>
                  {state.allTags.map((t) => (
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
              dispatch({ type: 'conversation.local', conversation: c });
              actions.select(c.id);
            }}
          />
          <ConversationGroup testId="my-chats" title="My chats" items={open} {...group} empty={tagFilter ? 'No open chat has this tag.' : state.presence?.status === 'online' ? 'Waiting for visitors…' : 'Go online to receive chats.'} loading={conversations === null} />
          {transferred.length ? <ConversationGroup testId="transferred-chats" title="Transferred" items={transferred} {...group} empty="" loading={false} subtitle={(c) => `to ${c.agentName ?? 'another agent'}`} /> : null}
          <ConversationGroup title="Recently ended" items={ended} {...group} empty="No ended chats yet." loading={false} />
        </nav>

        <main className={cn('min-w-0 flex-1 flex-col', view === 'chat' ? 'flex' : view === 'details' ? 'hidden lg:flex' : 'hidden md:flex')}>
          {selected ? (
            <ChatPane
              conversation={selected}
              mine={selectedIsMine}
              canReopen={canReopen}
              connected={connected}
              socket={socket}
              messages={state.messages[selected.id] ?? []}
              typing={!!typing[selected.id]}
              selfId={user.id}
              canned={state.canned}
              staff={state.staff}
              canAttach={canAttach}
              transferOpen={transferOpen}
              confirmEnd={confirmEnd}
              onBack={() => setView('list')}
              onDetails={() => setView('details')}
              onTransferOpen={setTransferOpen}
              onTransferred={(c) => {
                setTransferOpen(false);
                dispatch({ type: 'conversation.local', conversation: c });
                actions.notice(`The chat with ${visitorLabel(c)} was transferred to ${c.agentName ?? 'another agent'}.`);
              }}
              onConfirmEnd={setConfirmEnd}
              onEnd={endChat}
              onReopen={() => void actions.reopen(selected.id)}
              onSend={(body, clientMsgId, files) => (clientMsgId ? void actions.send(selected.id, body, clientMsgId, files) : collision.guardSend(body, () => void actions.send(selected.id, body, clientMsgId, files)))}
              onTyping={(t) => (collision.typing('replying', t), actions.typing(selected.id, t))}
              onNoteTyping={(t) => collision.typing('noting', t)}
              headerExtra={<CollisionAvatars viewers={collision.others} />}
              beforeComposer={
                <>
                  <SneakPeek socket={socket} conversationId={selected.id} />
                  {collision.pending ? (
                    <CollisionConfirm
                      names={collision.pending.names}
                      onSend={collision.release}
                      onKeep={() => {
                        composerRef.current?.setText(collision.pending?.body ?? '');
                        collision.keep();
                        composerRef.current?.focus();
                      }}
                    />
                  ) : null}
                </>
              }
              onNote={(n) => dispatch({ type: 'local.messages', conversationId: n.conversationId, messages: [whisperToUi(n)] })}
              onError={inbox.setError}
              onComposerApi={(api) => (composerRef.current = api)}
            />
          ) : (
            <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-slate-600">{conversations === null ? 'Loading conversations…' : 'Select a conversation, or go online to receive new chats.'}</div>
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
              allTags={state.allTags}
              tags={convTags[selected.id] ?? []}
              onTagsChange={(tags) => dispatch({ type: 'conversation.tags', conversationId: selected.id, tags })}
              onVisitorChange={(visitor) => dispatch({ type: 'visitor.changed', visitor })}
            />
            <CustomerPanel socket={socket} conversationId={selected.id} open={selected.status === 'active'} />
          </aside>
        ) : null}
      </div>
      {palette}
      {cannedOpen && socket ? <CannedManager socket={socket} replies={state.canned} onChanged={() => void actions.loadCanned()} onClose={() => setCannedOpen(false)} /> : null}
    </div>
  );
}
