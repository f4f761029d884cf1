import type { EndedBy } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ConversationDto } from '../conversations/types';
import type { WaitingChats } from '../queue/service';
import { endOfChatFor } from '../settings/schemas-service';
import type { ChatOffers } from './offers';
import type { ChatPorts } from './ports';
import type { PresenceFeed } from './presence';
import { SYSTEM } from './types';

export type EndPrompt = { kind: 'ended' | 'timed_out'; text: string };

/** The end of a chat: by a participant, a supervisor, or the queue timeout (worker). */
export class ChatLifecycle {
  constructor(
    private readonly ports: ChatPorts,
    private readonly queue: WaitingChats,
    private readonly presence: PresenceFeed,
    private readonly offers: ChatOffers,
  ) {}

  /** Ends a conversation (idempotent): leaves the queue or frees the agent's capacity, and lets the queue move. */
  async endConversation(workspaceId: string, conversationId: string, endedBy: EndedBy, prompt?: EndPrompt): Promise<ConversationDto> {
    const { conversations, routing, rooms, settings, events } = this.ports;
    const ended = await conversations.end(workspaceId, conversationId, endedBy);
    if (!ended) {
      const existing = await conversations.get(workspaceId, conversationId);
      if (!existing) throw new AppError('not_found', 'Conversation not found');
      return existing;
    }
    const agentId = await routing.release(workspaceId, conversationId);
    if (ended.assignedAt && ended.endedAt) await routing.recordHandled(workspaceId, (Date.parse(ended.endedAt) - Date.parse(ended.assignedAt)) / 1000);
    const note = await conversations.appendSystemNote(workspaceId, conversationId, endNoteText(endedBy, prompt));
    // F9: the channel's chat-ended prompt (or the caller's, e.g. "customer timed out"); F8 follows as a listener.
    const text = prompt?.text ?? endOfChatFor(await settings.value(workspaceId, 'endOfChat'), ended.channel).chatEndedPrompt;
    // The socket feed tells the participants (note, new state, prompt) before the other listeners run.
    await events.publish('conversation.ended', { workspaceId, conversation: ended, note, notice: text ? { kind: prompt?.kind ?? 'ended', text } : null });
    if (agentId) {
      // Room membership is transport, not a domain fact: it stays a direct port call.
      rooms.leaveAgent(agentId, conversationId);
      await this.presence.push(workspaceId, agentId);
    }
    // A freed agent takes the next waiting chat; a chat that was itself waiting left the queue, so the others move up.
    await this.queue.settle(workspaceId, { queueChanged: true, capacityFreed: agentId !== null });
    return ended;
  }

  /** Timer (worker): a queued chat waited too long. Per settings, end it with a message or offer the submission form. */
  async onQueueTimeout(workspaceId: string, conversationId: string): Promise<'ended' | 'not_queued'> {
    const { routing, conversations, settings, events } = this.ports;
    if (!(await routing.leaveQueue(workspaceId, conversationId))) return 'not_queued';
    const conversation = await conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'queued') return 'not_queued';
    const queue = await settings.value(workspaceId, 'queue');
    if (queue.timeoutAction === 'offer_submission' && (await this.offers.offerSubmission(workspaceId, conversation, 'queue_timeout'))) {
      await this.queue.settle(workspaceId, { queueChanged: true });
      return 'ended';
    }
    await conversations.appendMessage(workspaceId, conversationId, SYSTEM, queue.timeoutMessage, null);
    await events.publish('conversation.queue_timed_out', { workspaceId, conversationId, visitorId: conversation.visitorId, text: queue.timeoutMessage });
    await this.endConversation(workspaceId, conversationId, 'system', { kind: 'ended', text: '' });
    return 'ended';
  }
}

/**
 * The system note stored when a chat ends. A chat ended by the visitor's inactivity stores the configured
 * end prompt (docs/protocol.md: every prompt is stored, so a visitor who reloads still sees it).
 */
export function endNoteText(endedBy: EndedBy, prompt?: EndPrompt): string {
  if (prompt?.kind === 'timed_out' && prompt.text) return prompt.text;
  if (endedBy === 'abandoned') return 'The visitor left before an agent was free';
  return `Chat ended by ${endedBy}`;
}
