import type { Channel, EndedBy } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ConversationService, Sender } from '../conversations/service';
import type { ConversationDto, MessageDto } from '../conversations/types';
import { RoutingEngine, type QueueEntry } from '../routing/engine';
import { buildPlan, type ChatContext } from '../routing/rules';
import type { AgentStatus } from '../routing/strategies';
import { averageHandleSeconds, estimateWaitSeconds, fillQueueMessage } from '../routing/wait';
import type { RoutingTarget } from '../settings/schemas';
import type { SettingsService } from '../settings/service';
import type { AgentPresence, ChatNotifier } from './notifier';
import type { ChatTimers } from './timers';

export interface StaffActor {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
}

export interface StartInput {
  channel: Channel;
  entryUrl: string | null;
  designated: ChatContext['designated'];
}

export interface QueueStatus {
  position: number;
  waitSeconds: number | null;
  text: string;
}

export interface StartResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  queue: QueueStatus | null;
}

export interface RoutingProfile {
  id: string;
  active: boolean;
  receptionLimit: number | null;
  groupIds: string[];
}

const SYSTEM: Sender = { type: 'system', id: null, name: null };

/**
 * Chat orchestration: conversation lifecycle + routing + notifications + durable timers. The realtime
 * server, the worker and the web app call it; nothing here knows about sockets, HTTP or BullMQ.
 */
export class ChatService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly routing: RoutingEngine,
    private readonly settings: SettingsService,
    private readonly notifier: ChatNotifier,
    private readonly timers: ChatTimers,
  ) {}

  // ------------------------------------------------------------------ start and route

  /** Starts (or resumes) the visitor's conversation and routes it. */
  async startConversation(workspaceId: string, visitorId: string, input: StartInput): Promise<StartResult> {
    const { mode } = await this.settings.value(workspaceId, 'mode');
    const { conversation, created } = await this.conversations.start(workspaceId, visitorId, { channel: input.channel, entryUrl: input.entryUrl, mode });
    if (created) await this.route(workspaceId, conversation, input);
    const current = (await this.conversations.get(workspaceId, conversation.id))!;
    return {
      conversation: current,
      messages: await this.conversations.history(workspaceId, current.id),
      queue: current.status === 'queued' ? await this.queueStatus(workspaceId, current.id, 'enter') : null,
    };
  }

  /**
   * Real-time reception: walk the routing plan (matched rule, overflow chain); else queue behind anyone
   * already waiting for that target; else (queue off or full) tell the visitor and end the chat.
   */
  private async route(workspaceId: string, conversation: ConversationDto, input: StartInput): Promise<void> {
    const [assignment, queue, mode, profile] = await Promise.all([
      this.settings.value(workspaceId, 'assignment'),
      this.settings.value(workspaceId, 'queue'),
      this.settings.value(workspaceId, 'mode'),
      this.conversations.visitorProfile(workspaceId, conversation.visitorId),
    ]);
    const plan = buildPlan(assignment.rules, assignment.defaultRule, {
      channel: input.channel,
      entryUrl: input.entryUrl,
      vip: profile.vip,
      tags: profile.tags,
      designated: input.designated,
    });
    const lastServedAgentId = plan.lastServedMinutes
      ? await this.conversations.lastServedAgent(workspaceId, conversation.visitorId, conversation.id, plan.lastServedMinutes)
      : null;
    const outcome = await this.routing.assign(workspaceId, conversation.id, plan, { lastServedAgentId });
    if (outcome.kind === 'assigned') {
      await this.completeAssignment(workspaceId, conversation.id, outcome.agentId, groupOf(outcome.target));
      return;
    }
    if (!queue.enabled) {
      await this.refuse(workspaceId, conversation, 'no_agent', mode.noAgentNotice);
      return;
    }
    const target = plan.queueTarget;
    const queued = await this.routing.enqueue(
      workspaceId,
      { conversationId: conversation.id, visitorId: conversation.visitorId, target, vip: profile.vip, enqueuedAt: Date.now() },
      { globalMax: queue.maxLength, targetMax: target.type === 'group' ? (queue.groupMaxLength[target.id] ?? 0) : 0, vipPriority: queue.vipPriority },
    );
    if (queued.kind === 'full') {
      await this.refuse(workspaceId, conversation, 'queue_full', queue.fullMessage);
      return;
    }
    if (queued.kind === 'queued' && queue.timeoutMinutes > 0) {
      await this.timers.queueTimeout(workspaceId, conversation.id, queue.timeoutMinutes * 60_000);
    }
    // Capacity may have freed between the failed assignment and the enqueue: draining closes that gap.
    await this.drain(workspaceId);
    await this.broadcastQueuePositions(workspaceId);
  }

  private async refuse(workspaceId: string, conversation: ConversationDto, kind: 'no_agent' | 'queue_full', text: string) {
    await this.conversations.appendMessage(workspaceId, conversation.id, SYSTEM, text, null);
    const ended = await this.conversations.end(workspaceId, conversation.id, 'system');
    this.notifier.toVisitor(conversation.visitorId, 'notice', { conversationId: conversation.id, kind, text });
    if (ended) this.notifier.toVisitor(conversation.visitorId, 'conversation.updated', ended);
  }

  /** Persists an assignment decided in Redis, tells both sides and starts the reply timer. */
  private async completeAssignment(workspaceId: string, conversationId: string, agentId: string, groupId: string | null): Promise<void> {
    const assigned = await this.conversations.markAssigned(workspaceId, conversationId, agentId, groupId);
    if (!assigned) {
      // Ended while being routed: give the capacity back.
      await this.routing.release(workspaceId, conversationId);
      return;
    }
    await this.routing.markTried(workspaceId, conversationId, agentId);
    this.notifier.joinAgent(agentId, conversationId);
    this.notifier.toAgent(agentId, 'conversation.assigned', assigned);
    this.notifier.toVisitor(assigned.visitorId, 'conversation.updated', assigned);
    const greeting = await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, `${assigned.agentName ?? 'An agent'} joined the chat`, null);
    this.notifier.toConversation(conversationId, 'message', greeting);
    await this.pushPresence(workspaceId, agentId);
    const { autoTransfer } = await this.settings.value(workspaceId, 'assignment');
    if (autoTransfer.enabled) await this.timers.replyTimeout(workspaceId, conversationId, agentId, autoTransfer.seconds * 1000);
  }

  /** Assigns waiting conversations to agents with free capacity, best-placed first. */
  async drain(workspaceId: string): Promise<number> {
    const assigned = await this.routing.drain(workspaceId);
    for (const { conversationId, agentId } of assigned) {
      const entry = await this.conversations.get(workspaceId, conversationId);
      await this.completeAssignment(workspaceId, conversationId, agentId, entry?.groupId ?? null);
    }
    if (assigned.length) await this.broadcastQueuePositions(workspaceId);
    return assigned.length;
  }

  // ------------------------------------------------------------------ queue information

  /** Position, estimated wait and the configured message for one queued conversation. */
  async queueStatus(workspaceId: string, conversationId: string, kind: 'enter' | 'update'): Promise<QueueStatus | null> {
    const entry = await this.routing.queueEntry(workspaceId, conversationId);
    const position = entry ? await this.routing.queuePosition(workspaceId, conversationId) : null;
    if (!entry || !position) return null;
    const [queue, agents, durations] = await Promise.all([
      this.settings.value(workspaceId, 'queue'),
      this.routing.snapshot(workspaceId),
      this.routing.recentHandleDurations(workspaceId),
    ]);
    const waitSeconds = estimateWaitSeconds(position, averageHandleSeconds(durations), RoutingEngine.capacityFor(agents, entry.targetKey));
    return { position, waitSeconds, text: fillQueueMessage(kind === 'enter' ? queue.enterMessage : queue.updateMessage, position, waitSeconds) };
  }

  /** Tells every waiting visitor their current position and estimated wait. */
  async broadcastQueuePositions(workspaceId: string): Promise<void> {
    const queues = await this.routing.allQueues(workspaceId);
    if (!queues.size) return;
    const [queue, agents, durations] = await Promise.all([
      this.settings.value(workspaceId, 'queue'),
      this.routing.snapshot(workspaceId),
      this.routing.recentHandleDurations(workspaceId),
    ]);
    const handle = averageHandleSeconds(durations);
    for (const [key, entries] of queues) {
      const capacity = RoutingEngine.capacityFor(agents, key);
      entries.forEach((entry: QueueEntry, index) => {
        const position = index + 1;
        const waitSeconds = estimateWaitSeconds(position, handle, capacity);
        this.notifier.toVisitor(entry.visitorId, 'queue.position', {
          conversationId: entry.conversationId,
          position,
          waitSeconds,
          text: fillQueueMessage(queue.updateMessage, position, waitSeconds),
        });
      });
    }
  }

  // ------------------------------------------------------------------ messages

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

  // ------------------------------------------------------------------ end

  /** Ends a conversation (idempotent): leaves the queue or frees the agent's capacity, and lets the queue move. */
  async endConversation(workspaceId: string, conversationId: string, endedBy: EndedBy, prompt?: { kind: 'ended'; text: string }): Promise<ConversationDto> {
    const ended = await this.conversations.end(workspaceId, conversationId, endedBy);
    if (!ended) {
      const existing = await this.conversations.get(workspaceId, conversationId);
      if (!existing) throw new AppError('not_found', 'Conversation not found');
      return existing;
    }
    const agentId = await this.routing.release(workspaceId, conversationId);
    if (ended.assignedAt && ended.endedAt) {
      await this.routing.recordHandled(workspaceId, (Date.parse(ended.endedAt) - Date.parse(ended.assignedAt)) / 1000);
    }
    const note = await this.conversations.appendSystemNote(workspaceId, conversationId, `Chat ended by ${endedBy}`);
    this.notifier.toConversation(conversationId, 'message', note);
    this.notifier.toConversation(conversationId, 'conversation.updated', ended);
    const text = prompt?.text ?? (await this.settings.value(workspaceId, 'endOfChat')).chatEndedPrompt;
    if (text) this.notifier.toVisitor(ended.visitorId, 'notice', { conversationId, kind: 'ended', text });
    if (agentId) {
      this.notifier.leaveAgent(agentId, conversationId);
      await this.pushPresence(workspaceId, agentId);
      await this.drain(workspaceId);
    }
    await this.broadcastQueuePositions(workspaceId);
    return ended;
  }

  // ------------------------------------------------------------------ transfer

  /**
   * Moves a chat to another agent, or to the best available agent of a group. Capacity moves atomically
   * in Redis; refused with `invalid_state` when nobody there can take it.
   */
  async transfer(workspaceId: string, conversationId: string, fromAgentId: string, to: Extract<RoutingTarget, { type: 'agent' | 'group' }>, exclude: ReadonlySet<string> = new Set()): Promise<ConversationDto> {
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'active' || conversation.agentId !== fromAgentId) {
      throw new AppError('invalid_state', 'Only an active chat of its current agent can be transferred');
    }
    if (to.type === 'agent' && to.id === fromAgentId) throw new AppError('bad_request', 'The chat is already yours');
    const skip = new Set([...exclude, fromAgentId]);
    const candidates = to.type === 'agent' ? [to.id] : (await this.routing.bestAgentFor(workspaceId, to, skip)).map((a) => a.id);
    for (const candidate of candidates) {
      if (skip.has(candidate) && to.type === 'group') continue;
      if (!(await this.routing.transfer(workspaceId, conversationId, fromAgentId, candidate))) continue;
      const moved = await this.conversations.reassign(workspaceId, conversationId, fromAgentId, candidate, to.type === 'group' ? to.id : null);
      if (!moved) {
        // The chat ended or moved meanwhile: undo the capacity move.
        await this.routing.transfer(workspaceId, conversationId, candidate, fromAgentId);
        throw new AppError('invalid_state', 'The chat changed while transferring; try again');
      }
      await this.routing.markTried(workspaceId, conversationId, candidate);
      this.notifier.leaveAgent(fromAgentId, conversationId);
      this.notifier.joinAgent(candidate, conversationId);
      this.notifier.toAgent(candidate, 'conversation.assigned', moved);
      this.notifier.toAgent(fromAgentId, 'conversation.updated', moved);
      this.notifier.toVisitor(moved.visitorId, 'conversation.updated', moved);
      const note = await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, `Chat transferred to ${moved.agentName ?? 'another agent'}`, null);
      this.notifier.toConversation(conversationId, 'message', note);
      await Promise.all([this.pushPresence(workspaceId, fromAgentId), this.pushPresence(workspaceId, candidate)]);
      const { autoTransfer } = await this.settings.value(workspaceId, 'assignment');
      if (autoTransfer.enabled) await this.timers.replyTimeout(workspaceId, conversationId, candidate, autoTransfer.seconds * 1000);
      await this.drain(workspaceId);
      return moved;
    }
    throw new AppError('invalid_state', to.type === 'agent' ? 'That agent is not online or has no free capacity' : 'No agent of that group is online with free capacity');
  }

  // ------------------------------------------------------------------ timers (called by the worker)

  /** A queued chat waited too long: per settings, end it with a message or offer the submission form. */
  async onQueueTimeout(workspaceId: string, conversationId: string): Promise<'ended' | 'not_queued'> {
    if (!(await this.routing.leaveQueue(workspaceId, conversationId))) return 'not_queued';
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'queued') return 'not_queued';
    const queue = await this.settings.value(workspaceId, 'queue');
    await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, queue.timeoutMessage, null);
    this.notifier.toVisitor(conversation.visitorId, 'notice', {
      conversationId,
      kind: queue.timeoutAction === 'offer_submission' ? 'submission_offered' : 'queue_timeout',
      text: queue.timeoutMessage,
    });
    await this.endConversation(workspaceId, conversationId, 'system', { kind: 'ended', text: '' });
    return 'ended';
  }

  /** The agent did not reply in time: hand the chat to another agent who has not had it yet. */
  async onReplyTimeout(workspaceId: string, conversationId: string, agentId: string): Promise<'transferred' | 'replied' | 'stale' | 'no_agent'> {
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'active' || conversation.agentId !== agentId || !conversation.assignedAt) return 'stale';
    if (await this.conversations.agentRepliedSince(workspaceId, conversationId, agentId, new Date(conversation.assignedAt))) return 'replied';
    const tried = await this.routing.triedAgents(workspaceId, conversationId);
    const target: Extract<RoutingTarget, { type: 'group' }> | { type: 'all' } = conversation.groupId ? { type: 'group', id: conversation.groupId } : { type: 'all' };
    const candidates = (await this.routing.bestAgentFor(workspaceId, target, new Set([...tried, agentId]))).map((a) => a.id);
    for (const candidate of candidates) {
      try {
        await this.transfer(workspaceId, conversationId, agentId, { type: 'agent', id: candidate }, tried);
        return 'transferred';
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
    return 'no_agent';
  }

  // ------------------------------------------------------------------ agents

  /** Registers an agent's routing profile (limit override or workspace default, groups). */
  async registerAgent(workspaceId: string, agent: RoutingProfile): Promise<AgentPresence> {
    if (!agent.active) {
      await this.routing.removeAgent(workspaceId, agent.id);
      return { status: 'offline', load: 0, limit: 0 };
    }
    const { defaultReceptionLimit } = await this.settings.value(workspaceId, 'assignment');
    await this.routing.upsertAgent(workspaceId, { id: agent.id, limit: agent.receptionLimit ?? defaultReceptionLimit, groupIds: agent.groupIds });
    return this.presence(workspaceId, agent.id);
  }

  /** After a console change (limit, groups, active, workspace default): apply it at once and let the queue move. */
  async refreshAgents(workspaceId: string, agents: RoutingProfile[]): Promise<void> {
    for (const agent of agents) {
      await this.registerAgent(workspaceId, agent);
      await this.pushPresence(workspaceId, agent.id);
    }
    await this.drain(workspaceId);
  }

  disconnectAgent(agentId: string): void {
    this.notifier.disconnectAgent(agentId);
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

function groupOf(target: RoutingTarget): string | null {
  return target.type === 'group' ? target.id : null;
}
