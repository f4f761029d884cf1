import type { ChatEvents } from './events';
import type { ChatNotifier } from './notifier';

/**
 * Socket notification as a listener of the chat events: the one place where a committed change becomes the
 * socket events the visitor and staff clients expect (docs/protocol.md). Subscribed first, so clients hear
 * of a change before dashboards and aftercare react to it; `publish` is awaited, so the emits happen before
 * the use case returns (a sender's ack always follows the broadcast of its message).
 *
 * Use cases never emit themselves: their ports only move room membership (join, leave, disconnect), which
 * is transport state, not a notification.
 */
export class SocketFeed {
  constructor(private readonly notifier: ChatNotifier) {}

  subscribe(events: ChatEvents): void {
    const n = this.notifier;
    events.on('message.created', ({ message }) => n.toConversation(message.conversationId, 'message', message));
    events.on('conversation.assigned', ({ conversation, agentId, greeting }) => {
      n.toAgent(agentId, 'conversation.assigned', conversation);
      n.toVisitor(conversation.visitorId, 'conversation.updated', conversation);
      n.toConversation(conversation.id, 'message', greeting);
    });
    events.on('conversation.pooled', ({ workspaceId, conversation, inPool }) => {
      if (inPool) n.toVisitor(conversation.visitorId, 'conversation.updated', conversation);
      n.toStaff(workspaceId, 'pool.changed', { conversation, inPool });
    });
    events.on('conversation.refused', ({ conversationId, visitorId, notice, ended }) => {
      n.toVisitor(visitorId, 'notice', { conversationId, ...notice });
      if (ended) n.toVisitor(visitorId, 'conversation.updated', ended);
    });
    events.on('conversation.queue_timed_out', ({ conversationId, visitorId, text }) => n.toVisitor(visitorId, 'notice', { conversationId, kind: 'queue_timeout', text }));
    events.on('conversation.prompted', ({ conversationId, visitorId, kind, text, note }) => {
      n.toConversation(conversationId, 'message', note);
      n.toVisitor(visitorId, 'notice', { conversationId, kind, text });
    });
    events.on('conversation.transferred', ({ conversation, fromAgentId, toAgentId, note }) => {
      n.toAgent(toAgentId, 'conversation.assigned', conversation);
      n.toAgent(fromAgentId, 'conversation.updated', conversation);
      n.toVisitor(conversation.visitorId, 'conversation.updated', conversation);
      n.toConversation(conversation.id, 'message', note);
    });
    events.on('conversation.reopened', ({ conversation, agentId, note }) => {
      n.toAgent(agentId, 'conversation.assigned', conversation);
      n.toVisitor(conversation.visitorId, 'conversation.updated', conversation);
      n.toConversation(conversation.id, 'message', note);
    });
    events.on('conversation.ended', ({ conversation, note, notice }) => {
      n.toConversation(conversation.id, 'message', note);
      n.toConversation(conversation.id, 'conversation.updated', conversation);
      if (notice) n.toVisitor(conversation.visitorId, 'notice', { conversationId: conversation.id, ...notice });
    });
    events.on('queue.changed', ({ workspaceId, positions, waiting }) => {
      // Agents see how many visitors wait: one small event per change to every staff socket.
      n.toStaff(workspaceId, 'queue.length', { waiting });
      for (const { visitorId, payload } of positions) n.toVisitor(visitorId, 'queue.position', payload);
    });
    events.on('agent.presence', ({ agentId, presence }) => n.toAgent(agentId, 'presence', presence));
    events.on('rating.invited', ({ conversationId, visitorId, by, scheme, invitation }) => n.toVisitor(visitorId, 'rating.invite', { conversationId, by, scheme, invitation }));
    events.on('rating.shared', ({ agentId, rating }) => n.toAgent(agentId, 'rating.received', { conversationId: rating.conversationId, rating }));
    events.on('submission.created', ({ workspaceId, submission }) => n.toStaff(workspaceId, 'submission.created', submission));
    events.on('submission.replied', ({ visitorId, submissionId, message }) => n.toVisitor(visitorId, 'submission.reply', { submissionId, message }));
  }
}
