'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { CannedReplyDto } from '@/domain/canned/service';
import type { AttachmentDto, ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { MentionDto, NoteDto } from '@/domain/notes/service';
import type { TagDto } from '@/domain/tags/service';
import { catchUp, whisperToUi, type UiMessage } from '../messages';
import { newClientMsgId, request, sendMessage, type AgentSocket } from '../socket';
import { alertAgent } from '../workspace/alerts';
import { visitorLabel } from '../workspace/ConversationList';
import { agentInbox, initialInboxState, type AgentStatus, type Overview, type Presence } from './inbox-reducer';

/**
 * The agent workspace's session: the /agent socket (connect, catch-up after a reconnect) and its events,
 * folded into state by the pure `agentInbox` reducer; browser alerts; and the agent's actions. `isSeen`
 * tells whether a chat is on screen now (the view knows the layout).
 */
export function useAgentInbox(user: { id: string; name: string }, isSeen: (conversationId: string) => boolean, onSelected: () => void) {
  const [state, dispatch] = useReducer(agentInbox, initialInboxState);
  const socketRef = useRef<AgentSocket | null>(null);
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const messagesRef = useRef(state.messages);
  messagesRef.current = state.messages;
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = state.selectedId;
  const conversationsRef = useRef<ConversationDto[] | null>(null);
  conversationsRef.current = state.conversations;
  const isSeenRef = useRef(isSeen);
  isSeenRef.current = isSeen;
  const onSelectedRef = useRef(onSelected);
  onSelectedRef.current = onSelected;

  const loadHistory = useCallback(async (conversationId: string) => {
    const s = socketRef.current;
    if (!s) return;
    const [history, notes] = await Promise.all([
      request(s, 'history', { conversationId }),
      // Internal notes and supervisors' whispers: staff only, placed in the transcript.
      request(s, 'note.list', { conversationId }),
    ]);
    if (history.ok) dispatch({ type: 'history', conversationId, messages: history.messages });
    if (notes.ok) dispatch({ type: 'local.messages', conversationId, messages: notes.notes.map(whisperToUi) });
  }, []);

  const loadCanned = useCallback(async () => {
    const s = socketRef.current;
    if (!s) return;
    const r = await request(s, 'canned.list');
    if (r.ok) dispatch({ type: 'canned', replies: r.replies });
  }, []);

  /** The agent opens a chat (list, shortcut, notification): it shows and counts as read. */
  const select = useCallback((conversationId: string) => {
    dispatch({ type: 'select', conversationId });
    onSelectedRef.current();
  }, []);

  useEffect(() => {
    const close = connectStaffSocket({
      namespace: '/agent',
      callbackPath: '/agent',
      onConnectedChange: setConnected,
      onError: setConnectError,
      onConnect: async (s) => {
        const [overview, tags, team] = await Promise.all([request(s, 'conversations.overview'), request(s, 'tags.list'), request(s, 'staff.list')]);
        if (overview.ok) dispatch({ type: 'overview', overview });
        if (tags.ok) dispatch({ type: 'tags', tags: tags.tags });
        if (team.ok) dispatch({ type: 'staff', staff: team.staff });
        void loadCanned();
        // Messages broadcast while this socket was away (node restart, network loss): fetch from the last seen seq.
        const missed = await catchUp((p) => request(s, 'sync', p), messagesRef.current, Object.keys(messagesRef.current));
        for (const [id, list] of Object.entries(missed)) dispatch({ type: 'local.messages', conversationId: id, messages: list });
        if (selectedRef.current) void loadHistory(selectedRef.current);
      },
      attach: (s) => {
        socketRef.current = s;
        setSocket(s);
        s.on('presence', (presence: Presence) => dispatch({ type: 'presence', presence }));
        s.on('queue.length', (q: { waiting: number }) => dispatch({ type: 'queue.length', waiting: q.waiting }));
        s.on('conversation.assigned', (c: ConversationDto) => {
          dispatch({ type: 'conversation.assigned', conversation: c });
          alertAgent('New chat', `${visitorLabel(c)} started a chat`, () => select(c.id));
          // The visitor's first messages came before this agent joined the room (no `message` event for them).
          void request(s, 'history', { conversationId: c.id }).then((history) => {
            if (history.ok) dispatch({ type: 'history', conversationId: c.id, messages: history.messages, countUnread: !isSeenRef.current(c.id) });
          });
        });
        s.on('conversation.updated', (c: ConversationDto) => dispatch({ type: 'conversation.updated', conversation: c, selfId: user.id }));
        s.on('message', (m: MessageDto) => {
          const seen = isSeenRef.current(m.conversationId);
          dispatch({ type: 'message', message: m, seen });
          if (m.senderType !== 'visitor' || seen) return;
          const c = conversationsRef.current?.find((x) => x.id === m.conversationId);
          alertAgent(`Message from ${c ? visitorLabel(c) : 'a visitor'}`, m.body, () => select(m.conversationId));
        });
        s.on('typing', (t: { conversationId: string; typing: boolean }) => dispatch({ type: 'typing', conversationId: t.conversationId, typing: t.typing }));
        s.on('note', (note: NoteDto) => dispatch({ type: 'note', note }));
        s.on('note.mention', (mention: MentionDto) => {
          dispatch({ type: 'note.mention', mention });
          alertAgent(`${mention.note.authorName ?? 'A colleague'} mentioned you`, mention.note.body);
        });
        s.on('conversation.tags', (e: { conversationId: string; tags: TagDto[] }) => dispatch({ type: 'conversation.tags', conversationId: e.conversationId, tags: e.tags }));
      },
    });
    return close;
  }, [loadHistory, loadCanned, select, user.id]);

  const send = async (conversationId: string, body: string, clientMsgId = newClientMsgId(), attachments: AttachmentDto[] = []) => {
    if (!socket) return;
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
    const local = (messages: UiMessage[]) => dispatch({ type: 'local.messages', conversationId, messages });
    local([optimistic]);
    const attachmentIds = attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {};
    const result = await sendMessage(socket, { conversationId, clientMsgId, body, ...attachmentIds }, (retrying) => local([{ ...optimistic, retrying }]));
    local([result.ok ? result.message : { ...optimistic, pending: false, failed: result.error.message, blocked: result.error.code === 'blocked' }]);
  };

  /** `chat.end` / `chat.reopen`: the answer replaces the conversation, a refusal is shown. */
  const lifecycle = async (event: 'chat.end' | 'chat.reopen', conversationId: string) => {
    if (!socket) return;
    const result = await request(socket, event, { conversationId });
    if (result.ok) dispatch({ type: 'conversation.local', conversation: result.conversation });
    else setError(result.error.message);
  };

  const [statusSaving, setStatusSaving] = useState(false);
  const setStatus = async (status: AgentStatus) => {
    if (!socket) return;
    setStatusSaving(true);
    const result = await request(socket, 'status.set', { status });
    setStatusSaving(false);
    if (result.ok) dispatch({ type: 'presence', presence: result.presence });
    else setError(result.error.message);
  };

  return {
    state,
    dispatch,
    socket,
    connected,
    connectError,
    error,
    setError,
    statusSaving,
    actions: {
      select,
      loadHistory,
      loadCanned,
      send,
      setStatus,
      end: (conversationId: string) => lifecycle('chat.end', conversationId),
      reopen: (conversationId: string) => lifecycle('chat.reopen', conversationId),
      typing: (conversationId: string, typing: boolean) => socket && void request(socket, 'typing', { conversationId, typing }),
      notice: (text: string | null) => dispatch({ type: 'notice', text }),
    },
  };
}
