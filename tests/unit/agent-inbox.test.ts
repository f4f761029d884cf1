import { describe, expect, it } from 'vitest';
import type { ConversationDto, MessageDto } from '../../src/domain/conversations/types';
import { agentInbox, initialInboxState, type InboxEvent, type InboxState } from '../../src/components/chat/agent/inbox-reducer';

const conv = (id: string, extra: Partial<ConversationDto> = {}): ConversationDto =>
  ({ id, status: 'active', channel: 'desktop', mode: 'realtime', visitorId: `v-${id}`, visitorName: `Visitor ${id}`, agentId: 'me', agentName: 'Me', groupId: null, entryUrl: null, startedAt: '2026-12-07T10:00:00Z', assignedAt: null, endedAt: null, endedBy: null, lastMessageAt: null, ...extra }) as ConversationDto;
const msg = (conversationId: string, seq: number, senderType: MessageDto['senderType'], body: string): MessageDto =>
  ({ id: `${conversationId}-${seq}`, conversationId, seq, senderType, senderId: null, senderName: null, body, clientMsgId: null, createdAt: '2026-12-07T10:00:00Z' }) as MessageDto;
const run = (events: InboxEvent[], from: InboxState = initialInboxState) => events.reduce(agentInbox, from);
const overview = (conversations: ConversationDto[]): InboxEvent => ({ type: 'overview', overview: { conversations, previews: {}, tags: {}, waiting: 2 } });

describe('agentInbox reducer (agent workspace state from socket events)', () => {
  it('loads the overview, gets a new chat (selected when nothing is), counts unseen messages', () => {
    const s = run([
      overview([conv('a')]),
      { type: 'presence', presence: { status: 'online', load: 1, limit: 3 } },
      { type: 'conversation.assigned', conversation: conv('b') },
      { type: 'history', conversationId: 'b', messages: [msg('b', 1, 'visitor', 'hi'), msg('b', 2, 'visitor', 'anyone?')], countUnread: true },
      { type: 'typing', conversationId: 'b', typing: true },
      { type: 'message', message: msg('b', 3, 'visitor', 'hello?'), seen: false },
      { type: 'queue.length', waiting: 0 },
    ]);
    expect(s.conversations?.map((c) => c.id)).toEqual(['b', 'a']);
    expect(s.selectedId).toBe('b');
    expect(s.unread.b).toBe(3);
    expect(s.typing.b).toBe(false);
    expect(s.previews.b.body).toBe('hello?');
    expect(s.waiting).toBe(0);
    // Opening the chat reads it; a second assignment does not steal the selection.
    const opened = run([{ type: 'select', conversationId: 'b' }, { type: 'conversation.assigned', conversation: conv('c') }], s);
    expect(opened.unread.b).toBe(0);
    expect(opened.selectedId).toBe('b');
  });

  it('keeps messages in seq order whatever order they arrive in, once each; notes sit after their message', () => {
    const s = run([
      overview([conv('a')]),
      { type: 'message', message: msg('a', 2, 'agent', 'two'), seen: true },
      { type: 'message', message: msg('a', 1, 'visitor', 'one'), seen: true },
      { type: 'history', conversationId: 'a', messages: [msg('a', 1, 'visitor', 'one'), msg('a', 2, 'agent', 'two'), msg('a', 3, 'visitor', 'three')] },
      { type: 'note', note: { id: 'n1', conversationId: 'a', kind: 'note', afterSeq: 1, authorId: 'x', authorName: 'Bob', body: 'VIP customer', mentions: [], createdAt: '2026-12-07T10:00:00Z' } },
    ]);
    expect(s.messages.a.map((m) => m.body)).toEqual(['one', 'VIP customer', 'two', 'three']);
    expect(s.unread.a ?? 0).toBe(0);
  });

  it('reconnect catch-up: missed messages merge in without duplicates; a pending send is confirmed by its server copy', () => {
    const pending = { ...msg('a', Number.MAX_SAFE_INTEGER, 'agent', 'on my way'), id: '', clientMsgId: 'k1', pending: true };
    const before = run([overview([conv('a')]), { type: 'history', conversationId: 'a', messages: [msg('a', 1, 'visitor', 'hi')] }, { type: 'local.messages', conversationId: 'a', messages: [pending] }]);
    // After the reconnect a live message arrived before the catch-up (seq 3), then the catch-up brings 2 and 3.
    const after = run(
      [
        { type: 'message', message: msg('a', 3, 'visitor', 'three'), seen: true },
        { type: 'local.messages', conversationId: 'a', messages: [msg('a', 2, 'visitor', 'two'), msg('a', 3, 'visitor', 'three')] },
        { type: 'local.messages', conversationId: 'a', messages: [{ ...msg('a', 4, 'agent', 'on my way'), clientMsgId: 'k1' }] },
        overview([conv('a', { lastMessageAt: '2026-12-07T10:05:00Z' })]),
      ],
      before,
    );
    expect(after.messages.a.map((m) => m.body)).toEqual(['hi', 'two', 'three', 'on my way']);
    expect(after.messages.a.some((m) => (m as { pending?: boolean }).pending)).toBe(false);
  });

  it('a chat moved to someone else leaves a notice; an ended chat stays, a reopened one is open again', () => {
    const s = run([
      overview([conv('a'), conv('b')]),
      { type: 'conversation.updated', conversation: conv('a', { agentId: 'other', agentName: 'Bob' }), selfId: 'me' },
      { type: 'conversation.updated', conversation: conv('b', { status: 'ended', endedBy: 'visitor' }), selfId: 'me' },
    ]);
    expect(s.notice).toBe('The chat with Visitor a was transferred to Bob.');
    expect(s.conversations?.find((c) => c.id === 'b')?.status).toBe('ended');
    const reopened = run([{ type: 'conversation.local', conversation: conv('b', { status: 'active' }) }, { type: 'notice', text: null }], s);
    expect(reopened.conversations?.find((c) => c.id === 'b')?.status).toBe('active');
    expect(reopened.notice).toBeNull();
  });

  it('tags, visitor names and mentions', () => {
    const s = run([
      overview([conv('a')]),
      { type: 'conversation.tags', conversationId: 'a', tags: [{ id: 't1', name: 'VIP', color: '#000' } as never] },
      { type: 'visitor.changed', visitor: { id: 'v-a', name: 'Ada', email: 'ada@x.test' } },
      { type: 'note.mention', mention: { note: { authorName: 'Bob', body: 'look at this' }, visitorName: 'Ada' } as never },
    ]);
    expect(s.convTags.a).toHaveLength(1);
    expect(s.conversations?.[0].visitorName).toBe('Ada');
    expect(s.notice).toBe('Bob mentioned you in a note about Ada: “look at this”');
  });
});
