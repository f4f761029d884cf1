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

  it('events it does not relay reach no socket (dashboards and aftercare are other listeners)', async () => {
    const { events, notifier } = feed();
    await events.publish('conversation.changed', { workspaceId: 'ws', conversation: conversation({ status: 'active' }) });
    expect(notifier.sent).toEqual([]);
  });
});
