import type { ConversationDto, MessageDto } from '../conversations/types';
import type { ModerationSide, Verdict } from '../moderation/service';
import type { QueueEntry } from '../routing/engine';
import type { RatingDto } from '../satisfaction/service';
import type { AgentPresence, VisitorEvents } from './notifier';

/** A notice shown to the visitor in the widget (kind and text, without the conversation id). */
export type EndNotice = Pick<VisitorEvents['notice'], 'kind' | 'text'>;

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
  /** An agent got the chat (routing, queue drain, pool claim). */
  'conversation.assigned': { workspaceId: string; conversation: ConversationDto };
  /** The chat moved from one agent to another (room membership has moved already). */
  'conversation.transferred': { workspaceId: string; conversation: ConversationDto; fromAgentId: string; toAgentId: string };
  /** Any other change of an open conversation that staff dashboards show (pool, offer closed). */
  'conversation.changed': { workspaceId: string; conversation: ConversationDto };
  /** `note` is the "Chat ended by ..." system note; `notice` the visitor's chat-ended prompt (null when none is configured). */
  'conversation.ended': { workspaceId: string; conversation: ConversationDto; note: MessageDto; notice: EndNotice | null };
  /** The assigned agent did not reply in time (before the chat moves on). */
  'conversation.reply_timed_out': { workspaceId: string; conversation: ConversationDto; agentId: string };
  /** A visitor or agent message was stored and relayed. */
  'message.created': { workspaceId: string; message: MessageDto };
  /** A message matched sensitive words (`messageId` null when the message was blocked). */
  'sensitive_word.hit': { workspaceId: string; conversationId: string; messageId: string | null; side: ModerationSide; senderId: string; verdict: Verdict };
  'rating.submitted': { workspaceId: string; rating: RatingDto };
  /** The waiting queues moved (positions were just told to the visitors). */
  'queue.changed': { workspaceId: string; queues: Map<string, QueueEntry[]> };
  'agent.presence': { workspaceId: string; agentId: string; presence: AgentPresence };
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
