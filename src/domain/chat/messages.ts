import { AppError } from '../../lib/errors';
import type { AttachmentService } from '../attachments/service';
import type { Sender } from '../conversations/service';
import type { MessageDto } from '../conversations/types';
import type { ModerationService, ModerationSide, Verdict } from '../moderation/service';
import type { ChatPorts } from './ports';
import type { StaffActor } from './types';

/** A conversation's visitor never changes: cached per process, at most this many. */
const VISITOR_CACHE_SIZE = 50_000;

/** Messages: send (visitor or agent), screen (sensitive words), persist, deliver. The hot path. */
export class ChatMessages {
  private readonly visitorByConversation = new Map<string, string>();

  constructor(
    private readonly ports: ChatPorts,
    private readonly moderation: ModerationService,
    private readonly attachments: AttachmentService,
  ) {}

  async visitorMessage(workspaceId: string, visitorId: string, conversationId: string, body: string, clientMsgId: string, attachmentIds?: string[]): Promise<MessageDto> {
    return this.deliver(workspaceId, conversationId, { type: 'visitor', id: visitorId, name: null }, body, clientMsgId, attachmentIds);
  }

  async agentMessage(workspaceId: string, actor: StaffActor, conversationId: string, body: string, clientMsgId: string, attachmentIds?: string[]): Promise<MessageDto> {
    return this.deliver(workspaceId, conversationId, { type: 'agent', id: actor.id, name: actor.name }, body, clientMsgId, attachmentIds);
  }

  /**
   * A bot's message (public API without `agentId`): agent side, no sender id, not screened (the customer's
   * own system writes it); offline like an agent's when the visitor has no socket; published like any other.
   */
  async botMessage(workspaceId: string, conversationId: string, botName: string, body: string, clientMsgId: string): Promise<MessageDto> {
    const offline = await this.recipientOffline(workspaceId, conversationId, 'agent');
    const message = await this.ports.conversations.appendMessage(workspaceId, conversationId, { type: 'agent', id: null, name: botName }, body, clientMsgId, { offline });
    await this.ports.events.publish('message.created', { workspaceId, message });
    return message;
  }

  /**
   * The message hot path: screen (cached matcher) and read the recipient's presence (Redis) together,
   * persist in one statement (durable before anyone is told), then publish: the relay to the conversation's
   * sockets, hits (F6), monitoring (F7) and the end-of-chat timers (F9) are listeners.
   */
  private async deliver(workspaceId: string, conversationId: string, sender: Sender & { type: 'visitor' | 'agent'; id: string }, body: string, clientMsgId: string, attachmentIds?: string[]): Promise<MessageDto> {
    const { conversations, events } = this.ports;
    const side: ModerationSide = sender.type === 'visitor' ? 'customer' : 'agent';
    // F11: only a message with files pays for the attachment checks.
    const link = attachmentIds?.length ? await this.attachments.prepare(workspaceId, conversationId, sender, attachmentIds, clientMsgId) : null;
    const [verdict, offline] = await Promise.all([this.screen(workspaceId, conversationId, side, sender.id, body), this.recipientOffline(workspaceId, conversationId, sender.type)]);
    const stored = await conversations.appendMessage(workspaceId, conversationId, sender, verdict.body, clientMsgId, { offline });
    const message = link ? await link(stored, offline) : stored;
    // The socket feed relays it (first listener); a hit is published after, so its alert names a message
    // the conversation's sockets already have.
    await events.publish('message.created', { workspaceId, message });
    if (verdict.action) await events.publish('sensitive_word.hit', { workspaceId, conversationId, messageId: message.id, side, senderId: sender.id, verdict });
    return message;
  }

  /** Screens a message with the sender side's word list (cached matcher). `block` records the hit and refuses the message. */
  private async screen(workspaceId: string, conversationId: string, side: ModerationSide, senderId: string, body: string): Promise<Verdict> {
    const verdict = await this.moderation.screen(workspaceId, side, body);
    if (verdict.action === 'block') {
      await this.ports.events.publish('sensitive_word.hit', { workspaceId, conversationId, messageId: null, side, senderId, verdict });
      throw new AppError('blocked', `Your message contains a word that is not allowed: ${verdict.words.join(', ')}`, { words: verdict.words });
    }
    return verdict;
  }

  /**
   * F10 offline messages: a message is "offline" when the other side has no connected socket as it is sent.
   * Visitor -> agent: the chat's agent has no socket (routing presence), or it sits in the unassigned pool.
   * Agent -> visitor: no socket of the visitor on a live node. A queued chat is not offline (it is waiting).
   */
  private async recipientOffline(workspaceId: string, conversationId: string, sender: 'visitor' | 'agent'): Promise<boolean> {
    // Presence lives in Redis: no database read on the message path.
    if (sender === 'visitor') return this.ports.routing.agentSideOffline(workspaceId, conversationId);
    const visitorId = await this.visitorOf(workspaceId, conversationId);
    return visitorId !== null && !(await this.ports.routing.visitorConnected(workspaceId, visitorId));
  }

  private async visitorOf(workspaceId: string, conversationId: string): Promise<string | null> {
    const cached = this.visitorByConversation.get(conversationId);
    if (cached) return cached;
    const who = await this.ports.conversations.participants(workspaceId, conversationId);
    if (!who) return null;
    if (this.visitorByConversation.size >= VISITOR_CACHE_SIZE) this.visitorByConversation.delete(this.visitorByConversation.keys().next().value!);
    this.visitorByConversation.set(conversationId, who.visitorId);
    return who.visitorId;
  }
}
