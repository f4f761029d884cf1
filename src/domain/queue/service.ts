import { AppError } from '../../lib/errors';
import type { ConversationDto } from '../conversations/types';
import { RoutingEngine, type EnqueueOutcome } from '../routing/engine';
import { targetKey } from '../routing/strategies';
import type { RoutingTarget } from '../settings/schemas';
import type { ChatPorts } from '../chat/ports';
import { groupOf, type QueueStatus } from '../chat/types';
import { positionUpdates, waitingCount, type PositionUpdate } from './positions';
import { averageHandleSeconds, estimateWaitSeconds, fillQueueMessage } from './wait';

/** How the assignment of a chat taken from a queue or the pool is completed (chat/assignment.ts). */
export interface AssignmentCompleter {
  complete(workspaceId: string, conversationId: string, agentId: string, groupId: string | null): Promise<void>;
}

/** What changed before `settle`: the queues themselves (someone joined or left), and/or agent capacity. */
export interface QueueChange {
  /** A chat joined or left a queue: positions must be told even if nobody is assigned. */
  queueChanged?: boolean;
  /** Capacity may have freed (agent online, chat ended, limit raised): try to assign waiting chats. */
  capacityFreed?: boolean;
}

/**
 * Waiting chats, a first-class concept: the real-time queues (one per routing target, ordered by VIP band
 * and time) and the always-on Unassigned pool. Routing decides whether a chat has to wait; this module
 * puts it there, moves it out when capacity frees, and tells waiting visitors where they stand.
 *
 * The rule "positions are broadcast once per change" lives in `settle`: every change of the queues or of
 * capacity ends with one call, which drains and then broadcasts exactly once if anything moved.
 */
export class WaitingChats {
  constructor(
    private readonly ports: ChatPorts,
    private readonly assignments: AssignmentCompleter,
  ) {}

  /**
   * Puts a real-time chat in the queue of `target` (within the global and per-group maximum lengths), and
   * records where and since when it waits (PostgreSQL, for a rebuild) with its webhook event and timers.
   */
  async enqueue(workspaceId: string, conversation: ConversationDto, target: RoutingTarget, vip: boolean): Promise<EnqueueOutcome> {
    const { routing, conversations, settings, timers, events } = this.ports;
    const queue = await settings.value(workspaceId, 'queue');
    const enqueuedAt = Date.now();
    const queued = await routing.enqueue(
      workspaceId,
      { conversationId: conversation.id, visitorId: conversation.visitorId, target, vip, enqueuedAt },
      { globalMax: queue.maxLength, targetMax: target.type === 'group' ? (queue.groupMaxLength[target.id] ?? 0) : 0, vipPriority: queue.vipPriority },
    );
    if (queued.kind !== 'queued') return queued;
    // Rebuildable: where and since when it waits lives in PostgreSQL too (routing/recovery.ts).
    await conversations.markWaiting(workspaceId, conversation.id, { targetKey: targetKey(target), enqueuedAt, vip });
    await conversations.recordEvent(workspaceId, 'conversation.queued', {
      conversationId: conversation.id,
      visitorId: conversation.visitorId,
      position: queued.position,
      target: target.type === 'all' ? 'all' : `${target.type}:${target.id}`,
    });
    if (queue.timeoutMinutes > 0) await timers.queueTimeout(workspaceId, conversation.id, queue.timeoutMinutes * 60_000);
    await events.publish('conversation.queued', { workspaceId, conversationId: conversation.id, position: queued.position });
    return queued;
  }

  /** Always-on: the chat waits in the Unassigned pool (in the configured order), which agents see and claim. */
  async addToPool(workspaceId: string, conversation: ConversationDto, target: RoutingTarget, vip: boolean): Promise<void> {
    const { routing, conversations, settings, events } = this.ports;
    const { alwaysOn } = await settings.value(workspaceId, 'mode');
    const enqueuedAt = Date.now();
    await routing.addToPool(workspaceId, { conversationId: conversation.id, visitorId: conversation.visitorId, target, vip, enqueuedAt }, alwaysOn.unassignedOrder);
    await conversations.markWaiting(workspaceId, conversation.id, { targetKey: targetKey(target), enqueuedAt, vip });
    const pooled = await conversations.markUnassigned(workspaceId, conversation.id, groupOf(target));
    if (pooled) await events.publish('conversation.pooled', { workspaceId, conversation: pooled, inPool: true });
  }

  /** The Unassigned pool (always-on chats waiting for an agent), oldest first. */
  async unassignedPool(workspaceId: string): Promise<ConversationDto[]> {
    return this.ports.conversations.listOpen(workspaceId, ['unassigned']);
  }

  /** An agent takes a chat from the Unassigned pool (if still there and the agent is online with capacity). */
  async claimFromPool(workspaceId: string, conversationId: string, agentId: string): Promise<ConversationDto> {
    const result = await this.ports.routing.claimFromPool(workspaceId, conversationId, agentId);
    if (result === 'gone') throw new AppError('conflict', 'Someone else took this chat');
    if (result === 'unavailable') throw new AppError('invalid_state', 'Go online or busy, with free capacity, to take a chat');
    const conversation = await this.ports.conversations.get(workspaceId, conversationId);
    await this.assignments.complete(workspaceId, conversationId, agentId, conversation?.groupId ?? null);
    return this.announcePoolExit(workspaceId, conversationId);
  }

  /**
   * The end of every change to waiting chats or capacity. Drains when capacity may have freed, then tells
   * waiting visitors their positions once, if the drain moved someone or the queues changed anyway.
   * Returns how many chats were assigned.
   */
  async settle(workspaceId: string, change: QueueChange): Promise<number> {
    const moved = change.capacityFreed ? await this.assignWaiting(workspaceId) : 0;
    if (moved || change.queueChanged) await this.broadcastPositions(workspaceId);
    return moved;
  }

  /** Assigns waiting chats (queues and pool) to agents with free capacity, best-placed first (see settle). */
  async drain(workspaceId: string): Promise<number> {
    return this.settle(workspaceId, { capacityFreed: true });
  }

  /** Position, estimated wait and the configured message for one queued conversation. */
  async status(workspaceId: string, conversationId: string, kind: 'enter' | 'update'): Promise<QueueStatus | null> {
    const { routing, settings } = this.ports;
    const entry = await routing.queueEntry(workspaceId, conversationId);
    const position = entry ? await routing.queuePosition(workspaceId, conversationId) : null;
    if (!entry || !position) return null;
    const [queue, agents, durations] = await Promise.all([settings.value(workspaceId, 'queue'), routing.snapshot(workspaceId), routing.recentHandleDurations(workspaceId)]);
    const waitSeconds = estimateWaitSeconds(position, averageHandleSeconds(durations), RoutingEngine.capacityFor(agents, entry.targetKey));
    return { position, waitSeconds, text: fillQueueMessage(kind === 'enter' ? queue.enterMessage : queue.updateMessage, position, waitSeconds) };
  }

  /** Publishes where every waiting visitor stands now (position, estimated wait) and the queue length (use `settle`). */
  async broadcastPositions(workspaceId: string): Promise<void> {
    const { routing, settings, events } = this.ports;
    const queues = await routing.allQueues(workspaceId);
    let positions: PositionUpdate[] = [];
    if (queues.size) {
      const [queue, agents, durations] = await Promise.all([settings.value(workspaceId, 'queue'), routing.snapshot(workspaceId), routing.recentHandleDurations(workspaceId)]);
      positions = positionUpdates(queues, agents, durations, queue.updateMessage);
    }
    await events.publish('queue.changed', { workspaceId, queues, positions, waiting: waitingCount(queues) });
  }

  private async assignWaiting(workspaceId: string): Promise<number> {
    const { routing, conversations } = this.ports;
    const assigned = await routing.drain(workspaceId);
    for (const { conversationId, agentId } of assigned) {
      const entry = await conversations.get(workspaceId, conversationId);
      await this.assignments.complete(workspaceId, conversationId, agentId, entry?.groupId ?? null);
      if (entry?.status === 'unassigned') await this.announcePoolExit(workspaceId, conversationId);
    }
    return assigned.length;
  }

  private async announcePoolExit(workspaceId: string, conversationId: string): Promise<ConversationDto> {
    const current = (await this.ports.conversations.get(workspaceId, conversationId))!;
    await this.ports.events.publish('conversation.pooled', { workspaceId, conversation: current, inPool: false });
    return current;
  }
}
