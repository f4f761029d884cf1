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

  it('conversation.transferred: the new agent gets it assigned, the previous agent and the visitor the new state', async () => {
    const { events, notifier } = feed();
    const moved = conversation({ status: 'active', agentId: 'a2' });
    await events.publish('conversation.transferred', { workspaceId: 'ws', conversation: moved, fromAgentId: 'a1', toAgentId: 'a2' });
    expect(notifier.sent).toEqual([
      { to: 'agent', id: 'a2', event: 'conversation.assigned', payload: moved },
      { to: 'agent', id: 'a1', event: 'conversation.updated', payload: moved },
      { to: 'visitor', id: moved.visitorId, event: 'conversation.updated', payload: moved },
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
