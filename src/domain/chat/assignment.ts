import type { ChatPorts } from './ports';
import type { PresenceFeed } from './presence';
import { SYSTEM } from './types';

/** Turns an assignment decided in Redis into a chat with an agent: one place for routing, drain and pool claims. */
export class Assignments {
  constructor(
    private readonly ports: ChatPorts,
    private readonly presence: PresenceFeed,
  ) {}

  /** Persists the assignment, tells both sides, starts the reply timer. Gives the capacity back if the chat ended meanwhile. */
  async complete(workspaceId: string, conversationId: string, agentId: string, groupId: string | null): Promise<void> {
    const { conversations, routing, rooms, settings, timers, events } = this.ports;
    const assigned = await conversations.markAssigned(workspaceId, conversationId, agentId, groupId);
    if (!assigned) {
      await routing.release(workspaceId, conversationId);
      return;
    }
    await routing.markTried(workspaceId, conversationId, agentId);
    rooms.joinAgent(agentId, conversationId);
    const greeting = await conversations.appendMessage(workspaceId, conversationId, SYSTEM, `${assigned.agentName ?? 'An agent'} joined the chat`, null);
    await events.publish('conversation.assigned', { workspaceId, conversation: assigned, agentId, greeting });
    await this.presence.push(workspaceId, agentId);
    const { autoTransfer } = await settings.value(workspaceId, 'assignment');
    if (autoTransfer.enabled) await timers.replyTimeout(workspaceId, conversationId, agentId, autoTransfer.seconds * 1000);
  }
}
