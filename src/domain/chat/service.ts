import type { Channel, EndedBy } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ConversationService, Sender } from '../conversations/service';
import type { ConversationDto, MessageDto } from '../conversations/types';
import type { RoutingEngine } from '../routing/engine';
import type { AgentStatus } from '../routing/strategies';
import type { SettingsService } from '../settings/service';
import type { AgentPresence, ChatNotifier } from './notifier';

export interface StaffActor {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
}

export interface StartResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  queuePosition: number | null;
}

/**
 * Chat orchestration: conversation lifecycle + routing + notifications. The realtime server calls it for
 * socket events; nothing here knows about sockets.
 */
export class ChatService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly routing: RoutingEngine,
    private readonly settings: SettingsService,
    private readonly notifier: ChatNotifier,
  ) {}

  /** Starts (or resumes) the visitor's conversation and routes it. */
  async startConversation(workspaceId: string, visitorId: string, input: { channel: Channel; entryUrl: string | null }): Promise<StartResult> {
    const { mode } = await this.settings.value(workspaceId, 'mode');
    const { conversation, created } = await this.conversations.start(workspaceId, visitorId, { ...input, mode });
    if (created) await this.route(workspaceId, conversation);
    const current = (await this.conversations.get(workspaceId, conversation.id))!;
    const queuePosition = current.status === 'queued' ? await this.routing.queuePosition(workspaceId, current.id) : null;
    return { conversation: current, messages: await this.conversations.history(workspaceId, current.id), queuePosition };
  }

  /**
   * Real-time reception: assign to an online agent with capacity, else queue (FIFO behind anyone already
   * waiting), else tell the visitor no agent is available and end the chat.
   */
  private async route(workspaceId: string, conversation: ConversationDto): Promise<void> {
    const outcome = await this.routing.assign(workspaceId, conversation.id);
    if (outcome.kind === 'assigned') {
      await this.completeAssignment(workspaceId, conversation.id, outcome.agentId);
      return;
    }
    const [queue, mode] = await Promise.all([this.settings.value(workspaceId, 'queue'), this.settings.value(workspaceId, 'mode')]);
    if (!queue.enabled) {
      await this.refuse(workspaceId, conversation, 'no_agent', mode.noAgentNotice);
      return;
    }
    if ((await this.routing.queued(workspaceId)).length >= queue.maxLength) {
      await this.refuse(workspaceId, conversation, 'queue_full', mode.noAgentNotice);
      return;
    }
    await this.routing.enqueue(workspaceId, { conversationId: conversation.id, visitorId: conversation.visitorId, vip: false, enqueuedAt: Date.now() });
    // Capacity may have freed between the failed assignment and the enqueue: drain closes that gap.
    await this.drain(workspaceId);
    await this.broadcastQueuePositions(workspaceId);
  }

  private async refuse(workspaceId: string, conversation: ConversationDto, kind: 'no_agent' | 'queue_full', text: string) {
    await this.conversations.appendMessage(workspaceId, conversation.id, SYSTEM, text, null);
    const ended = await this.conversations.end(workspaceId, conversation.id, 'system');
    this.notifier.toVisitor(conversation.visitorId, 'notice', { conversationId: conversation.id, kind, text });
    if (ended) this.notifier.toVisitor(conversation.visitorId, 'conversation.updated', ended);
  }

  /** Persists an assignment decided in Redis and tells both sides. */
  private async completeAssignment(workspaceId: string, conversationId: string, agentId: string): Promise<void> {
    const assigned = await this.conversations.markAssigned(workspaceId, conversationId, agentId);
    if (!assigned) {
      // Ended while being routed: give the capacity back.
      await this.routing.release(workspaceId, conversationId);
      return;
    }
    this.notifier.joinAgent(agentId, conversationId);
    this.notifier.toAgent(agentId, 'conversation.assigned', assigned);
    this.notifier.toVisitor(assigned.visitorId, 'conversation.updated', assigned);
    const greeting = await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, `${assigned.agentName ?? 'An agent'} joined the chat`, null);
    this.notifier.toConversation(conversationId, 'message', greeting);
    await this.pushPresence(workspaceId, agentId);
  }

  /** Assigns waiting conversations to agents with free capacity, in queue order. */
  async drain(workspaceId: string): Promise<void> {
    const assigned = await this.routing.drain(workspaceId);
    for (const { conversationId, agentId } of assigned) await this.completeAssignment(workspaceId, conversationId, agentId);
    if (assigned.length) await this.broadcastQueuePositions(workspaceId);
  }

  async broadcastQueuePositions(workspaceId: string): Promise<void> {
    const entries = await this.routing.queuedEntries(workspaceId);
    entries.forEach((entry, index) => {
      this.notifier.toVisitor(entry.visitorId, 'queue.position', { conversationId: entry.conversationId, position: index + 1 });
    });
  }

  async visitorMessage(workspaceId: string, visitorId: string, conversationId: string, body: string, clientMsgId: string): Promise<MessageDto> {
    const message = await this.conversations.appendMessage(workspaceId, conversationId, { type: 'visitor', id: visitorId, name: null }, body, clientMsgId);
    this.notifier.toConversation(conversationId, 'message', message);
    return message;
  }

  async agentMessage(workspaceId: string, actor: StaffActor, conversationId: string, body: string, clientMsgId: string): Promise<MessageDto> {
    const message = await this.conversations.appendMessage(workspaceId, conversationId, { type: 'agent', id: actor.id, name: actor.name }, body, clientMsgId);
    this.notifier.toConversation(conversationId, 'message', message);
    return message;
  }

  /** Ends a conversation (idempotent), frees the agent's capacity and lets the queue move. */
  async endConversation(workspaceId: string, conversationId: string, endedBy: EndedBy): Promise<ConversationDto> {
    const ended = await this.conversations.end(workspaceId, conversationId, endedBy);
    if (!ended) {
      const existing = await this.conversations.get(workspaceId, conversationId);
      if (!existing) throw new AppError('not_found', 'Conversation not found');
      return existing;
    }
    const agentId = await this.routing.release(workspaceId, conversationId);
    const { chatEndedPrompt } = await this.settings.value(workspaceId, 'endOfChat');
    const note = await this.conversations.appendSystemNote(workspaceId, conversationId, `Chat ended by ${endedBy}`);
    this.notifier.toConversation(conversationId, 'message', note);
    this.notifier.toConversation(conversationId, 'conversation.updated', ended);
    if (chatEndedPrompt) this.notifier.toVisitor(ended.visitorId, 'notice', { conversationId, kind: 'ended', text: chatEndedPrompt });
    if (agentId) {
      await this.pushPresence(workspaceId, agentId);
      await this.drain(workspaceId);
    } else {
      await this.broadcastQueuePositions(workspaceId);
    }
    return ended;
  }

  /** Registers an agent's routing profile from the database (limit override or workspace default). */
  async registerAgent(workspaceId: string, agent: { id: string; receptionLimit: number | null; groupIds: string[] }): Promise<AgentPresence> {
    const { defaultReceptionLimit } = await this.settings.value(workspaceId, 'assignment');
    await this.routing.upsertAgent(workspaceId, { id: agent.id, limit: agent.receptionLimit ?? defaultReceptionLimit, groupIds: agent.groupIds });
    return this.presence(workspaceId, agent.id);
  }

  async setAgentStatus(workspaceId: string, agentId: string, status: AgentStatus): Promise<AgentPresence> {
    await this.routing.setStatus(workspaceId, agentId, status);
    const presence = await this.pushPresence(workspaceId, agentId);
    if (status === 'online') await this.drain(workspaceId);
    return presence;
  }

  async presence(workspaceId: string, agentId: string): Promise<AgentPresence> {
    const agent = await this.routing.agent(workspaceId, agentId);
    return { status: agent?.status ?? 'offline', load: agent?.load ?? 0, limit: agent?.limit ?? 0 };
  }

  private async pushPresence(workspaceId: string, agentId: string): Promise<AgentPresence> {
    const presence = await this.presence(workspaceId, agentId);
    this.notifier.toAgent(agentId, 'presence', presence);
    return presence;
  }
}

const SYSTEM: Sender = { type: 'system', id: null, name: null };
