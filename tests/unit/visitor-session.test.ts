import { describe, expect, it } from 'vitest';
import type { ConversationDto, MessageDto } from '../../src/domain/conversations/types';
import { initialVisitorState, openConversation, resumePoint, visitorSession, type VisitorEvent, type VisitorState } from '../../src/components/chat/visitor/session-reducer';

const conv = (id: string, status: ConversationDto['status'], extra: Partial<ConversationDto> = {}): ConversationDto =>
  ({ id, status, channel: 'desktop', mode: 'realtime', visitorId: 'v1', visitorName: null, agentId: null, agentName: null, groupId: null, entryUrl: null, startedAt: '2026-12-07T10:00:00Z', assignedAt: null, endedAt: null, endedBy: null, lastMessageAt: null, ...extra }) as ConversationDto;
const msg = (conversationId: string, seq: number, senderType: MessageDto['senderType'], body: string, clientMsgId: string | null = null): MessageDto =>
  ({ id: `${conversationId}-${seq}`, conversationId, seq, senderType, senderId: null, senderName: senderType === 'agent' ? 'Alice' : null, body, clientMsgId, createdAt: '2026-12-07T10:00:00Z' }) as MessageDto;
const run = (events: VisitorEvent[], from: VisitorState = initialVisitorState) => events.reduce(visitorSession, from);
const session = (conversation: ConversationDto | null, messages: MessageDto[] = [], queue: VisitorState['queue'] = null): VisitorEvent => ({ type: 'session', session: { visitorId: 'v1', token: 't', conversation, messages, queue, offer: null } });

describe('visitorSession reducer (widget state from socket events)', () => {
  it('connects, restores the session, waits in the queue, gets an agent, chats', () => {
    const queued = conv('c1', 'queued');
    const s = run([
      { type: 'connecting' },
      { type: 'connected' },
      session(queued, [msg('c1', 1, 'visitor', 'Hi')], { position: 2, waitSeconds: 120, text: 'You are number 2' }),
      { type: 'queue.position', queue: { conversationId: 'c1', position: 1, waitSeconds: 60, text: 'You are number 1' } },
      { type: 'conversation.updated', conversation: conv('c1', 'active', { agentName: 'Alice' }) },
      { type: 'message', message: msg('c1', 2, 'system', 'Alice joined the chat') },
      { type: 'typing', typing: true, name: 'Alice' },
      { type: 'message', message: msg('c1', 3, 'agent', 'Hello!') },
    ]);
    expect(s.connection).toBe('online');
    expect(openConversation(s)?.agentName).toBe('Alice');
    expect(s.queue).toBeNull();
    expect(s.agentTyping).toBeNull();
    expect(s.messages.map((m) => m.body)).toEqual(['Hi', 'Alice joined the chat', 'Hello!']);
  });

  it('orders out-of-order messages by seq and drops duplicates; ignores stale queue positions and updates of another chat', () => {
    const s = run([
      session(conv('c2', 'active')),
      { type: 'message', message: msg('c2', 3, 'agent', 'third') },
      { type: 'message', message: msg('c2', 1, 'visitor', 'first') },
      { type: 'message', message: msg('c2', 2, 'agent', 'second') },
      { type: 'message', message: msg('c2', 3, 'agent', 'third') },
      // Late events of the queue phase and of an older chat.
      { type: 'queue.position', queue: { conversationId: 'c2', position: 3, waitSeconds: null, text: 'late' } },
      { type: 'queue.position', queue: { conversationId: 'old', position: 1, waitSeconds: null, text: 'other chat' } },
      { type: 'conversation.updated', conversation: conv('old', 'ended') },
    ]);
    expect(s.messages.map((m) => m.body)).toEqual(['first', 'second', 'third']);
    expect(s.queue).toBeNull();
    expect(s.conversation?.id).toBe('c2');
    expect(s.conversation?.status).toBe('active');
  });

  it('another visitor (identify / reset): the unsent message of the old visitor leaves with them, and its late refusal adds nothing', () => {
    const pending = { ...msg('anon', Number.MAX_SAFE_INTEGER, 'visitor', 'anonymous question', 'k9'), id: '', pending: true };
    const before = run([session(conv('anon', 'active'), [msg('anon', 1, 'visitor', 'hello')]), { type: 'local.messages', messages: [pending] }]);
    expect(before.messages.map((m) => m.body)).toEqual(['hello', 'anonymous question']);
    const known = run([session(conv('known', 'active'), [msg('known', 1, 'visitor', 'earlier as Ada')])], before);
    expect(known.messages.map((m) => m.body)).toEqual(['earlier as Ada']);
    const late = run([{ type: 'local.messages', messages: [{ ...pending, pending: false, failed: 'Not your conversation' }] }], known);
    expect(late.messages.map((m) => m.body)).toEqual(['earlier as Ada']);
  });

  it('reconnect and catch-up: a message still pending survives the restore, the server copy replaces it', () => {
    const pending = { ...msg('c3', Number.MAX_SAFE_INTEGER, 'visitor', 'sent while offline', 'k1'), id: '', pending: true };
    const before = run([session(conv('c3', 'active'), [msg('c3', 1, 'visitor', 'hi')]), { type: 'local.messages', messages: [pending] }, { type: 'disconnected' }]);
    expect(before.connection).toBe('offline');
    // The restore brings what was missed while away (an agent reply), and the pending one stays at the end.
    const restored = run([{ type: 'connected' }, session(conv('c3', 'active'), [msg('c3', 1, 'visitor', 'hi'), msg('c3', 2, 'agent', 'missed reply')])], before);
    expect(restored.messages.map((m) => m.body)).toEqual(['hi', 'missed reply', 'sent while offline']);
    const confirmed = run([{ type: 'local.messages', messages: [msg('c3', 3, 'visitor', 'sent while offline', 'k1')] }], restored);
    expect(confirmed.messages.map((m) => [m.body, Boolean((m as { pending?: boolean }).pending)])).toEqual([
      ['hi', false],
      ['missed reply', false],
      ['sent while offline', false],
    ]);
  });

  it('shows a stored time-out prompt once, offers the form from a notice, and clears for a new chat', () => {
    const s = run([
      session(conv('c4', 'active')),
      { type: 'message', message: msg('c4', 5, 'system', 'Closed: you were away') },
      { type: 'notice', notice: { conversationId: 'c4', kind: 'timed_out', text: 'Closed: you were away' } },
      { type: 'conversation.updated', conversation: conv('c4', 'ended', { endedBy: 'system' }) },
    ]);
    expect(s.notice).toBeNull();
    expect(openConversation(s)).toBeNull();
    const offered = run([{ type: 'notice', notice: { kind: 'submission_offered', text: '', offer: { trigger: 'no_agent_online' } as never } }], s);
    expect(offered.offer).toBeTruthy();
    const fresh = run([{ type: 'cleared' }], offered);
    expect(fresh.conversation).toBeNull();
    expect(fresh.messages).toEqual([]);
    expect(fresh.offer).toBeNull();
  });

  it('start, refusal and end: pre-chat needed, errors, end confirmation closes when the chat ends', () => {
    const refused = run([{ type: 'start.begin' }, { type: 'start.failed', message: null, prechatNeeded: true }]);
    expect(refused.starting).toBe(false);
    expect(refused.prechatNeeded).toBe(true);
    const started = run([{ type: 'start.begin' }, { type: 'start.done', conversation: conv('c5', 'active'), messages: [], queue: null }, { type: 'confirm-end', open: true }], refused);
    expect(started.prechatNeeded).toBe(false);
    expect(started.confirmingEnd).toBe(true);
    const ended = run([{ type: 'conversation.updated', conversation: conv('c5', 'ended') }], started);
    expect(ended.confirmingEnd).toBe(false);
    const failed = run([{ type: 'start.begin' }, { type: 'start.failed', message: 'Too many chats', prechatNeeded: false }], ended);
    expect(failed.error).toBe('Too many chats');
    expect(run([{ type: 'refused', reason: 'unverified' }, { type: 'disconnected' }]).connection).toBe('refused');
  });

  it('merges a `since` session into what the widget holds (issue 27), and tells the handshake where it stands', () => {
    const c = conv('c5', 'active');
    const held = run([session(c, [msg('c5', 1, 'visitor', 'a'), msg('c5', 2, 'agent', 'b')]), { type: 'message', message: msg('c5', 4, 'agent', 'd') }]);
    // seq 3 never arrived: the handshake asks from 2, not 4.
    expect(resumePoint(held)).toEqual({ conversationId: 'c5', lastSeq: 2 });
    const since: VisitorEvent = { type: 'session', session: { visitorId: 'v1', token: 't', conversation: c, messages: [msg('c5', 3, 'visitor', 'c'), msg('c5', 4, 'agent', 'd')], since: 2, queue: null, offer: null } };
    const merged = run([since], held);
    expect(merged.messages.map((m) => m.body)).toEqual(['a', 'b', 'c', 'd']);
    expect(resumePoint(merged)).toEqual({ conversationId: 'c5', lastSeq: 4 });
    // A session without `since` (or of another chat) replaces the list.
    expect(run([session(c, [msg('c5', 4, 'agent', 'd')])], held).messages.map((m) => m.body)).toEqual(['d']);
    const other: VisitorEvent = { type: 'session', session: { visitorId: 'v1', token: 't', conversation: conv('c6', 'active'), messages: [], since: 2, queue: null, offer: null } };
    expect(run([other], held).messages).toEqual([]);
    expect(resumePoint(initialVisitorState)).toBeNull();
    // "Start a new chat" cleared the screen while a reconnect named the ended chat: it stays cleared.
    const ended = run([session(conv('c5', 'ended'), [msg('c5', 1, 'visitor', 'a')]), { type: 'cleared' }]);
    const late: VisitorEvent = { type: 'session', session: { visitorId: 'v1', token: 't2', conversation: conv('c5', 'ended'), messages: [], since: 1, queue: null, offer: null } };
    expect(run([late], ended)).toMatchObject({ conversation: null, messages: [] });
  });
});
