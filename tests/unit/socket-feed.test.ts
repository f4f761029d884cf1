import { describe, expect, it } from 'vitest';
import { ChatEvents } from '../../src/domain/chat/events';
import { SocketFeed } from '../../src/domain/chat/socket-feed';
import type { MessageDto } from '../../src/domain/conversations/types';
import { conversation, FakeNotifier } from './fakes/chat';

/** The socket feed as a listener of the seam: each domain event becomes the socket events clients expect. */
function feed() {
  const events = new ChatEvents();
  const notifier = new FakeNotifier();
  new SocketFeed(notifier).subscribe(events);
  return { events, notifier };
}

function systemNote(conversationId: string, body: string): MessageDto {
  return { id: `n-${body.length}`, conversationId, seq: 1, senderType: 'system', senderId: null, senderName: null, body, clientMsgId: null, createdAt: '' } as unknown as MessageDto;
}

describe('SocketFeed', () => {
  it('message.created: the message goes to every socket of its conversation', async () => {
    const { events, notifier } = feed();
    const message: MessageDto = { id: 'm1', conversationId: 'c1', seq: 1, senderType: 'visitor', senderId: 'v1', senderName: null, body: 'Hello', clientMsgId: 'k1', createdAt: '' } as MessageDto;
    await events.publish('message.created', { workspaceId: 'ws', message });
    expect(notifier.sent).toEqual([{ to: 'conversation', id: 'c1', event: 'message', payload: message }]);
  });

  it('conversation.ended: the system note, the ended state, then the visitor\'s prompt when there is one', async () => {
    const { events, notifier } = feed();
    const ended = conversation({ status: 'ended' });
    const note = { id: 'n1', conversationId: ended.id, seq: 2, senderType: 'system', senderId: null, senderName: null, body: 'Chat ended by agent', clientMsgId: null, createdAt: '' } as unknown as MessageDto;
    await events.publish('conversation.ended', { workspaceId: 'ws', conversation: ended, note, notice: { kind: 'timed_out', text: 'Bye' } });
    expect(notifier.sent).toEqual([
      { to: 'conversation', id: ended.id, event: 'message', payload: note },
      { to: 'conversation', id: ended.id, event: 'conversation.updated', payload: ended },
      { to: 'visitor', id: ended.visitorId, event: 'notice', payload: { conversationId: ended.id, kind: 'timed_out', text: 'Bye' } },
    ]);
    notifier.sent = [];
    await events.publish('conversation.ended', { workspaceId: 'ws', conversation: ended, note, notice: null });
    expect(notifier.events('notice')).toEqual([]);
  });

  it('conversation.transferred: the new agent gets it assigned, the previous agent and the visitor the new state, then the note', async () => {
    const { events, notifier } = feed();
    const moved = conversation({ status: 'active', agentId: 'a2' });
    const note = systemNote(moved.id, 'Chat transferred to Bob');
    await events.publish('conversation.transferred', { workspaceId: 'ws', conversation: moved, fromAgentId: 'a1', toAgentId: 'a2', note });
    expect(notifier.sent).toEqual([
      { to: 'agent', id: 'a2', event: 'conversation.assigned', payload: moved },
      { to: 'agent', id: 'a1', event: 'conversation.updated', payload: moved },
      { to: 'visitor', id: moved.visitorId, event: 'conversation.updated', payload: moved },
      { to: 'conversation', id: moved.id, event: 'message', payload: note },
    ]);
  });

  it('conversation.assigned: the agent gets the chat, the visitor its new state, both the greeting', async () => {
    const { events, notifier } = feed();
    const assigned = conversation({ status: 'active', agentId: 'a1' });
    const greeting = systemNote(assigned.id, 'Alice joined the chat');
    await events.publish('conversation.assigned', { workspaceId: 'ws', conversation: assigned, agentId: 'a1', greeting });
    expect(notifier.sent).toEqual([
      { to: 'agent', id: 'a1', event: 'conversation.assigned', payload: assigned },
      { to: 'visitor', id: assigned.visitorId, event: 'conversation.updated', payload: assigned },
      { to: 'conversation', id: assigned.id, event: 'message', payload: greeting },
    ]);
  });

  it('conversation.pooled: staff see the pool change; the visitor hears only of entering it', async () => {
    const { events, notifier } = feed();
    const pooled = conversation({ status: 'unassigned' });
    await events.publish('conversation.pooled', { workspaceId: 'ws', conversation: pooled, inPool: true });
    await events.publish('conversation.pooled', { workspaceId: 'ws', conversation: pooled, inPool: false });
    expect(notifier.sent).toEqual([
      { to: 'visitor', id: pooled.visitorId, event: 'conversation.updated', payload: pooled },
      { to: 'staff', id: 'ws', event: 'pool.changed', payload: { conversation: pooled, inPool: true } },
      { to: 'staff', id: 'ws', event: 'pool.changed', payload: { conversation: pooled, inPool: false } },
    ]);
  });

  it('conversation.refused: the visitor gets the notice (with the form when offered) and the closed state', async () => {
    const { events, notifier } = feed();
    const ended = conversation({ status: 'ended' });
    const offer = { intro: 'Leave us a message', fields: [] } as never;
    await events.publish('conversation.refused', { workspaceId: 'ws', conversationId: ended.id, visitorId: ended.visitorId, notice: { kind: 'submission_offered', text: 'Leave us a message', offer }, ended });
    await events.publish('conversation.refused', { workspaceId: 'ws', conversationId: ended.id, visitorId: ended.visitorId, notice: { kind: 'no_agent', text: 'Nobody is here' }, ended: null });
    expect(notifier.sent).toEqual([
      { to: 'visitor', id: ended.visitorId, event: 'notice', payload: { conversationId: ended.id, kind: 'submission_offered', text: 'Leave us a message', offer } },
      { to: 'visitor', id: ended.visitorId, event: 'conversation.updated', payload: ended },
      { to: 'visitor', id: ended.visitorId, event: 'notice', payload: { conversationId: ended.id, kind: 'no_agent', text: 'Nobody is here' } },
    ]);
  });

  it('queue.changed: staff get the length once, every waiting visitor their position', async () => {
    const { events, notifier } = feed();
    const positions = [
      { visitorId: 'v1', payload: { conversationId: 'c1', position: 1, waitSeconds: 60, text: 'You are number 1' } },
      { visitorId: 'v2', payload: { conversationId: 'c2', position: 2, waitSeconds: 120, text: 'You are number 2' } },
    ];
    await events.publish('queue.changed', { workspaceId: 'ws', queues: new Map(), positions, waiting: 2 });
    expect(notifier.sent).toEqual([
      { to: 'staff', id: 'ws', event: 'queue.length', payload: { waiting: 2 } },
      { to: 'visitor', id: 'v1', event: 'queue.position', payload: positions[0].payload },
      { to: 'visitor', id: 'v2', event: 'queue.position', payload: positions[1].payload },
    ]);
  });

  it('prompts, queue timeout, ratings and submissions reach the side they are for', async () => {
    const { events, notifier } = feed();
    const note = systemNote('c1', 'Are you still there?');
    await events.publish('conversation.prompted', { workspaceId: 'ws', conversationId: 'c1', visitorId: 'v1', kind: 'inactivity_warning', text: 'Are you still there?', note });
    await events.publish('conversation.queue_timed_out', { workspaceId: 'ws', conversationId: 'c1', visitorId: 'v1', text: 'Sorry, nobody is free' });
    const scheme = { kind: 'stars' } as never;
    await events.publish('rating.invited', { workspaceId: 'ws', conversationId: 'c1', visitorId: 'v1', by: 'end', scheme, invitation: 1 });
    const rating = { conversationId: 'c1', agentId: 'a1', score: 5 } as never;
    await events.publish('rating.shared', { workspaceId: 'ws', agentId: 'a1', rating });
    const submission = { id: 's1', number: 7, channel: 'desktop', createdAt: '2026-12-03T00:00:00.000Z', groupId: null };
    await events.publish('submission.created', { workspaceId: 'ws', submission });
    const reply = { id: 'r1', body: 'Found it' } as never;
    await events.publish('submission.replied', { workspaceId: 'ws', visitorId: 'v1', submissionId: 's1', message: reply });
    expect(notifier.sent).toEqual([
      { to: 'conversation', id: 'c1', event: 'message', payload: note },
      { to: 'visitor', id: 'v1', event: 'notice', payload: { conversationId: 'c1', kind: 'inactivity_warning', text: 'Are you still there?' } },
      { to: 'visitor', id: 'v1', event: 'notice', payload: { conversationId: 'c1', kind: 'queue_timeout', text: 'Sorry, nobody is free' } },
      { to: 'visitor', id: 'v1', event: 'rating.invite', payload: { conversationId: 'c1', by: 'end', scheme, invitation: 1 } },
      { to: 'agent', id: 'a1', event: 'rating.received', payload: { conversationId: 'c1', rating } },
      { to: 'staff', id: 'ws', event: 'submission.created', payload: submission },
      { to: 'visitor', id: 'v1', event: 'submission.reply', payload: { submissionId: 's1', message: reply } },
    ]);
  });

  it('agent.presence: the agent (all sockets) gets their presence', async () => {
    const { events, notifier } = feed();
    await events.publish('agent.presence', { workspaceId: 'ws', agentId: 'a1', presence: { status: 'online', load: 1, limit: 2 } });
    expect(notifier.sent).toEqual([{ to: 'agent', id: 'a1', event: 'presence', payload: { status: 'online', load: 1, limit: 2 } }]);
  });

  it('events it does not relay reach no socket (dashboards and aftercare are other listeners)', async () => {
    const { events, notifier } = feed();
    await events.publish('conversation.changed', { workspaceId: 'ws', conversation: conversation({ status: 'active' }) });
    expect(notifier.sent).toEqual([]);
  });
});
