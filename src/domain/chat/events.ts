import type { NoteDto } from '../notes/service';
import type { ConversationDto, MessageDto } from '../conversations/types';
import type { ModerationSide, Verdict } from '../moderation/service';
import type { PositionUpdate } from '../queue/positions';
import type { QueueEntry } from '../routing/engine';
import type { RatingDto } from '../satisfaction/service';
import type { RatingScheme } from '../settings/schemas-service';
import type { SubmissionEventMap, SubmissionOffer } from '../submissions/service';
import type { AgentPresence, EndOfChatNoticeKind, VisitorEvents } from './notifier';

/** A notice shown to the visitor in the widget (kind and text, without the conversation id). */
export type EndNotice = Pick<VisitorEvents['notice'], 'kind' | 'text'>;

/** Why a chat did not happen: nobody to take it, the queue is full, or the leave-a-message form instead. */
export type RefusalNotice = { kind: 'no_agent' | 'queue_full'; text: string } | { kind: 'submission_offered'; text: string; offer: SubmissionOffer };

/**
 * Domain events of the chat core, published after the change they describe has committed. Socket
 * notification (socket feed), monitoring (monitor feed) and aftercare (satisfaction, end-of-chat timers)
 * subscribe to them; the core knows none
 * of its listeners. (Webhook events are separate: they are outbox rows written in the same statement as
 * the change, see domain/webhooks/outbox.ts.)
 */
export interface ChatEventMap {
  /** A new conversation was created and routed (its state after routing). */
  'conversation.started': { workspaceId: string; conversation: ConversationDto };
  /** A real-time chat joined a waiting queue. */
  'conversation.queued': { workspaceId: string; conversationId: string; position: number };
  /** An agent got the chat (routing, queue drain, pool claim); `greeting` is the "... joined the chat" note. */
  'conversation.assigned': { workspaceId: string; conversation: ConversationDto; agentId: string; greeting: MessageDto };
  /** Always-on: the chat entered (`inPool`) or left the Unassigned pool. */
  'conversation.pooled': { workspaceId: string; conversation: ConversationDto; inPool: boolean };
  /** The chat could not happen and was closed (`ended` null when it had ended already); the visitor is told why. */
  'conversation.refused': { workspaceId: string; conversationId: string; visitorId: string; notice: RefusalNotice; ended: ConversationDto | null };
  /** A queued chat waited longer than the queue allows (the end of the chat follows as `conversation.ended`). */
  'conversation.queue_timed_out': { workspaceId: string; conversationId: string; visitorId: string; text: string };
  /** F9: an end-of-chat prompt was sent (agent reply timeout, inactivity warning); `note` is its system note. */
  'conversation.prompted': { workspaceId: string; conversationId: string; visitorId: string; kind: Exclude<EndOfChatNoticeKind, 'timed_out'>; text: string; note: MessageDto };
  /** The chat moved from one agent to another (room membership has moved already); `note` is the "Chat transferred to ..." note. */
  'conversation.transferred': { workspaceId: string; conversation: ConversationDto; fromAgentId: string; toAgentId: string; note: MessageDto };
  /** Any other change of an open conversation that staff dashboards show (pool, offer closed). */
  'conversation.changed': { workspaceId: string; conversation: ConversationDto };
  /** `note` is the "Chat ended by ..." system note; `notice` the visitor's chat-ended prompt (null when none is configured). */
  'conversation.ended': { workspaceId: string; conversation: ConversationDto; note: MessageDto; notice: EndNotice | null };
  /** A waiting chat (queue or pool) ended because its visitor was gone for the grace period (after `conversation.ended`). */
  'conversation.abandoned': { workspaceId: string; conversation: ConversationDto; from: 'queue' | 'pool'; waitedSeconds: number };
  /** An agent reopened an ended chat; `note` is the "Chat reopened by ..." note. */
  'conversation.reopened': { workspaceId: string; conversation: ConversationDto; agentId: string; note: MessageDto };
  /** The assigned agent did not reply in time (before the chat moves on). */
  'conversation.reply_timed_out': { workspaceId: string; conversation: ConversationDto; agentId: string };
  /** A visitor or agent message was stored and relayed. */
  'message.created': { workspaceId: string; message: MessageDto };
  /** A message matched sensitive words (`messageId` null when the message was blocked). */
  'sensitive_word.hit': { workspaceId: string; conversationId: string; messageId: string | null; side: ModerationSide; senderId: string; verdict: Verdict };
  'rating.submitted': { workspaceId: string; rating: RatingDto };
  /** F8: the visitor was invited to rate the chat (`invitation` counts the invitations so far). */
  'rating.invited': { workspaceId: string; conversationId: string; visitorId: string; by: 'agent' | 'end'; scheme: RatingScheme; invitation: number };
  /** F8: a rating the serving agent may see (agents may see results). */
  'rating.shared': { workspaceId: string; agentId: string; rating: RatingDto };
  /** The waiting queues moved: what each waiting visitor is told now, and how many wait in all. */
  'queue.changed': { workspaceId: string; queues: Map<string, QueueEntry[]>; positions: PositionUpdate[]; waiting: number };
  /** F5: a visitor left a message (open inboxes show it). */
  'submission.created': SubmissionEventMap['submission.created'];
  /** F5: an agent replied to a visitor's submission (the widget shows it live and in its history). */
  'submission.replied': SubmissionEventMap['submission.replied'];
  'agent.presence': { workspaceId: string; agentId: string; presence: AgentPresence };
  /** A note @mentioning colleagues was added (F15: mentioned agents away from the workspace are emailed). */
  'note.mentioned': { workspaceId: string; note: NoteDto };
}

export type ChatEventType = keyof ChatEventMap;
export type ChatEvent = { [T in ChatEventType]: { type: T } & ChatEventMap[T] }[ChatEventType];
export type ChatListener<T extends ChatEventType> = (event: ChatEventMap[T]) => Promise<void> | void;

/** The publishing side, as the use cases see it. */
export interface ChatEventPublisher {
  publish<T extends ChatEventType>(type: T, event: ChatEventMap[T]): Promise<void>;
}

/**
 * In-process event seam. Listeners run in registration order and are awaited, so a use case finishes only
 * after its effects (timers scheduled, alerts stored): callers see the same order as before the split.
 */
export class ChatEvents implements ChatEventPublisher {
  private readonly listeners = new Map<ChatEventType, ChatListener<never>[]>();

  on<T extends ChatEventType>(type: T, listener: ChatListener<T>): () => void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener as ChatListener<never>);
    this.listeners.set(type, list);
    return () => {
      const index = list.indexOf(listener as ChatListener<never>);
      if (index >= 0) list.splice(index, 1);
    };
  }

  async publish<T extends ChatEventType>(type: T, event: ChatEventMap[T]): Promise<void> {
    for (const listener of this.listeners.get(type) ?? []) await (listener as ChatListener<T>)(event);
  }
}
