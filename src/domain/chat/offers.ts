import type { ConversationDto } from '../conversations/types';
import type { SubmissionService, SubmissionTrigger } from '../submissions/service';
import type { ChatPorts } from './ports';
import { SYSTEM } from './types';

/**
 * When a chat cannot happen: offer the submission form instead (F5), or tell the visitor why and close the
 * chat. Also the live side of submissions (new ones reach staff inboxes, replies reach the widget).
 */
export class ChatOffers {
  constructor(
    private readonly ports: ChatPorts,
    private readonly submissions: SubmissionService,
  ) {}

  /**
   * Offers the submission form instead of a chat when it applies (real-time mode, enabled, trigger and
   * channel on). The chat itself is closed quietly; the visitor gets the form. False if it does not apply.
   */
  async offerSubmission(workspaceId: string, conversation: ConversationDto, trigger: SubmissionTrigger): Promise<boolean> {
    const { routing, conversations, events } = this.ports;
    const offer = await this.submissions.offer(workspaceId, conversation.visitorId, conversation.id, conversation.channel, trigger);
    if (!offer) return false;
    await routing.release(workspaceId, conversation.id);
    await conversations.appendSystemNote(workspaceId, conversation.id, offer.intro);
    const ended = await conversations.end(workspaceId, conversation.id, 'system');
    const notice = { kind: 'submission_offered' as const, text: offer.intro, offer };
    await events.publish('conversation.refused', { workspaceId, conversationId: conversation.id, visitorId: conversation.visitorId, notice, ended });
    // Closed before it started: dashboards update, but no end-of-chat aftercare (nobody served it).
    if (ended) await events.publish('conversation.changed', { workspaceId, conversation: ended });
    return true;
  }

  /** No chat possible and no form to offer: the configured notice, and the chat ends. */
  async refuse(workspaceId: string, conversation: ConversationDto, kind: 'no_agent' | 'queue_full', text: string): Promise<void> {
    const { conversations, events } = this.ports;
    await conversations.appendMessage(workspaceId, conversation.id, SYSTEM, text, null);
    const ended = await conversations.end(workspaceId, conversation.id, 'system');
    await events.publish('conversation.refused', { workspaceId, conversationId: conversation.id, visitorId: conversation.visitorId, notice: { kind, text }, ended });
  }

  /** Chatting (or waiting) after all: an earlier leave-a-message offer no longer applies. */
  async clearOffer(workspaceId: string, visitorId: string): Promise<void> {
    await this.submissions.clearOffer(workspaceId, visitorId);
  }
}
