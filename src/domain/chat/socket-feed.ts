import type { ChatEvents } from './events';
import type { ChatNotifier } from './notifier';

/**
 * Socket notification as a listener of the chat events: turns a committed change into the socket events the
 * visitor and staff clients expect. Subscribed first, so clients hear of a change before dashboards and
 * aftercare react to it; `publish` is awaited, so the emits happen before the use case returns (a sender's
 * ack always follows the broadcast of its message).
 *
 * Moved so far: messages, the end of a chat, transfers, agent presence. The other use cases still call the notifier port directly (see their files).
 */
export class SocketFeed {
  constructor(private readonly notifier: ChatNotifier) {}

  subscribe(events: ChatEvents): void {
    events.on('message.created', ({ message }) => this.notifier.toConversation(message.conversationId, 'message', message));
    events.on('conversation.transferred', ({ conversation, fromAgentId, toAgentId }) => {
      this.notifier.toAgent(toAgentId, 'conversation.assigned', conversation);
      this.notifier.toAgent(fromAgentId, 'conversation.updated', conversation);
      this.notifier.toVisitor(conversation.visitorId, 'conversation.updated', conversation);
    });
    events.on('agent.presence', ({ agentId, presence }) => this.notifier.toAgent(agentId, 'presence', presence));
    events.on('conversation.ended', ({ conversation, note, notice }) => {
      this.notifier.toConversation(conversation.id, 'message', note);
      this.notifier.toConversation(conversation.id, 'conversation.updated', conversation);
      if (notice) this.notifier.toVisitor(conversation.visitorId, 'notice', { conversationId: conversation.id, ...notice });
    });
  }
}
