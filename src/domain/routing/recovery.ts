import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';
import { loadRoutingProfiles } from '../accounts/routing-profile';
import type { ChatAftercare } from '../chat/aftercare';
import type { ChatService } from '../chat/service';
import type { RoutingProfile } from '../chat/types';
import type { ChatTimers } from '../chat/timers';
import type { SettingsService } from '../settings/service';
import type { RoutingEngine } from './engine';
import { routingKeys } from './keys';
import type { NodeRegistry } from './nodes';
import { lastAgentStatuses, longWaitAlerted, openConversations, parseTargetKey, recentAssignments, workspacesWithOpenConversations, type OpenConversation } from './recovery-source';

/** Live sockets of this node, by workspace (the realtime adapter knows them). */
export interface LiveSockets {
  agents: { workspaceId: string; agentId: string; socketId: string }[];
  visitors: { workspaceId: string; visitorId: string; socketId: string }[];
}

export type RecoveryOutcome = 'intact' | 'rebuilt' | 'resynced' | 'busy';

/**
 * KEYS: assignment, load. ARGV: conversationId, agentId pairs. Restores missing assignments (never
 * overwrites one made meanwhile), then recomputes every agent's load from the assignment hash, which is
 * the single source of load.
 */
const RESTORE_ASSIGNMENTS = `
for i = 1, #ARGV, 2 do redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
local counts = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 2, #all, 2 do counts[all[i]] = (counts[all[i]] or 0) + 1 end
local loads = redis.call('HGETALL', KEYS[2])
for i = 1, #loads, 2 do if not counts[loads[i]] then redis.call('HSET', KEYS[2], loads[i], 0) end end
for agent, n in pairs(counts) do redis.call('HSET', KEYS[2], agent, n) end
return #all / 2
`;

const LOCK_TTL_MS = 60_000;
/** Chats this young without a stored queue target may still be being routed: leave them to their router. */
const IN_FLIGHT_MS = 10_000;

/**
 * Redis holds routing state (presence, loads, queues, pool, timers) but PostgreSQL is the source of truth.
 * A marker key (`<prefix>:routing:epoch`) exists while Redis has the state; a Redis that restarted empty
 * (or was flushed) has none. Every realtime node checks it on its heartbeat and when Redis is `ready`:
 * - marker missing: one node (lock) re-registers its live sockets, rebuilds every workspace with open
 *   conversations from PostgreSQL (assignments and loads, queues and the Unassigned pool in their original
 *   order and priority, round-robin positions, timers re-derived from stored times; overdue ones fire once),
 *   then writes a new epoch;
 * - marker differs from the epoch this node last saw: another node rebuilt, so this node re-registers ITS
 *   live sockets (agent presence, limits, groups, visitor sockets) and lets the queues move.
 */
export class RoutingRecovery {
  private epoch: string | null = null;
  /** This node saw the state missing while another node held the rebuild lock: it must restore its sockets. */
  private sawMissing = false;
  private running: Promise<RecoveryOutcome> | null = null;
  private readonly markerKey: string;
  private readonly lockKey: string;

  constructor(
    private readonly deps: {
      db: Db;
      redis: Redis;
      prefix: string;
      nodeId: string;
      routing: RoutingEngine;
      nodes: NodeRegistry;
      chat: ChatService;
      settings: SettingsService;
      timers: ChatTimers;
      aftercare?: ChatAftercare;
      liveSockets: () => LiveSockets;
      onRebuilt?: (workspaces: number, ms: number) => void;
    },
  ) {
    this.markerKey = `${deps.prefix}:routing:epoch`;
    this.lockKey = `${deps.prefix}:routing:rebuild-lock`;
  }

  /** Idempotent and single-flight; safe to call as often as wanted. */
  check(): Promise<RecoveryOutcome> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<RecoveryOutcome> {
    const { redis } = this.deps;
    const marker = await redis.get(this.markerKey);
    if (marker && marker === this.epoch) return 'intact';
    if (marker) {
      // A node's first look at an intact state has nothing to restore: its sockets registered as they came.
      const restore = this.epoch !== null || this.sawMissing;
      if (restore) await this.refresh(await this.restoreLocal());
      this.epoch = marker;
      this.sawMissing = false;
      return restore ? 'resynced' : 'intact';
    }
    this.sawMissing = true;
    if ((await redis.set(this.lockKey, this.deps.nodeId, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') return 'busy';
    const started = Date.now();
    try {
      const local = await this.restoreLocal();
      const workspaces = new Set([...(await workspacesWithOpenConversations(this.deps.db)), ...local.keys()]);
      for (const workspaceId of workspaces) await this.rebuildWorkspace(workspaceId);
      await this.refresh(local);
      const epoch = randomUUID();
      await redis.set(this.markerKey, epoch);
      this.epoch = epoch;
      this.sawMissing = false;
      this.deps.onRebuilt?.(workspaces.size, Date.now() - started);
      return 'rebuilt';
    } finally {
      if ((await redis.get(this.lockKey).catch(() => null)) === this.deps.nodeId) await redis.del(this.lockKey).catch(() => {});
    }
  }

  /**
   * Re-registers this node's live sockets (socket registries), and each connected agent's status (the last
   * one recorded, only where Redis has none), limit and groups. Returns the routing profiles by workspace.
   */
  private async restoreLocal(): Promise<Map<string, RoutingProfile[]>> {
    const { routing, nodes, nodeId, db, redis, chat } = this.deps;
    const live = this.deps.liveSockets();
    const byWorkspace = new Map<string, Set<string>>();
    for (const s of live.agents) {
      await routing.addSocket(s.workspaceId, s.agentId, s.socketId, nodeId);
      await nodes.trackAgent(nodeId, s.workspaceId, s.agentId);
      byWorkspace.set(s.workspaceId, (byWorkspace.get(s.workspaceId) ?? new Set()).add(s.agentId));
    }
    for (const v of live.visitors) await routing.addVisitorSocket(v.workspaceId, v.visitorId, v.socketId, nodeId);
    const result = new Map<string, RoutingProfile[]>(live.visitors.map((v) => [v.workspaceId, []]));
    for (const [workspaceId, agentIds] of byWorkspace) {
      const statuses = await lastAgentStatuses(db, workspaceId, [...agentIds]);
      const k = routingKeys(this.deps.prefix, workspaceId);
      for (const agentId of agentIds) await redis.hsetnx(k.status, agentId, statuses.get(agentId) ?? 'offline');
      const profiles = (await loadRoutingProfiles(db, workspaceId)).filter((p) => agentIds.has(p.id));
      for (const profile of profiles) await chat.agents.registerAgent(workspaceId, profile);
      result.set(workspaceId, profiles);
    }
    return result;
  }

  /** Tells the restored agents their presence (load/limit) and lets the queues move. */
  private async refresh(local: Map<string, RoutingProfile[]>): Promise<void> {
    for (const [workspaceId, profiles] of local) await this.deps.chat.agents.refreshAgents(workspaceId, profiles);
  }

  private async rebuildWorkspace(workspaceId: string): Promise<void> {
    const { db, redis, routing, settings, chat } = this.deps;
    const k = routingKeys(this.deps.prefix, workspaceId);
    const open = await openConversations(db, workspaceId);
    const assigned = open.filter((c) => c.status === 'active' && c.agentId);
    await redis.eval(RESTORE_ASSIGNMENTS, 2, k.assignment, k.load, ...assigned.flatMap((c) => [c.id, c.agentId!]));
    const recent = await recentAssignments(db, workspaceId);
    const pipeline = redis.pipeline();
    for (const [key, agentId] of recent.roundRobin) pipeline.hsetnx(k.roundRobin, key, agentId);
    for (const [agentId, at] of recent.lastAssigned) pipeline.hsetnx(k.lastAssigned, agentId, at);
    await pipeline.exec();

    const [queue, mode] = await Promise.all([settings.value(workspaceId, 'queue'), settings.value(workspaceId, 'mode')]);
    const now = Date.now();
    for (const c of open) {
      if (c.status === 'active' || (!c.queueTarget && now - c.startedAt < IN_FLIGHT_MS)) continue;
      const entry = { conversationId: c.id, visitorId: c.visitorId, target: parseTargetKey(c.queueTarget), vip: c.vip, enqueuedAt: c.waitingSince };
      // Restoring never refuses a chat that was already waiting: no maximum applies.
      if (c.status === 'queued') await routing.enqueue(workspaceId, entry, { globalMax: Number.MAX_SAFE_INTEGER, targetMax: 0, vipPriority: queue.vipPriority });
      else await routing.addToPool(workspaceId, entry, mode.alwaysOn.unassignedOrder);
    }
    await this.rearmTimers(workspaceId, open);
    // The rebuilt queues changed and capacity may be free: drain, then one broadcast of positions.
    await chat.queue.settle(workspaceId, { queueChanged: true, capacityFreed: true });
  }

  /**
   * Timers derived from stored times: queue timeout and long-wait alert from the enqueue time,
   * auto-transfer from the assignment time, end-of-chat from the latest messages. A timer already due gets
   * delay 0 and fires once (fixed job ids; existing jobs are kept); its handler re-checks the state.
   */
  private async rearmTimers(workspaceId: string, open: OpenConversation[]): Promise<void> {
    const { settings, timers, aftercare } = this.deps;
    const [queue, assignment, monitoring] = await Promise.all([settings.value(workspaceId, 'queue'), settings.value(workspaceId, 'assignment'), settings.value(workspaceId, 'monitoring')]);
    const due = (since: number, ms: number) => Math.max(0, since + ms - Date.now());
    const alerted = await longWaitAlerted(this.deps.db, workspaceId, open.filter((c) => c.status === 'queued').map((c) => c.id));
    for (const c of open) {
      if (c.status === 'queued') {
        if (queue.timeoutMinutes > 0) await timers.queueTimeout(workspaceId, c.id, due(c.waitingSince, queue.timeoutMinutes * 60_000));
        if (monitoring.longWaitSeconds > 0 && !alerted.has(c.id)) await timers.longWait(workspaceId, c.id, due(c.waitingSince, monitoring.longWaitSeconds * 1000), monitoring.longWaitSeconds);
      } else if (c.status === 'active' && c.agentId) {
        if (assignment.autoTransfer.enabled && c.assignedAt) await timers.replyTimeout(workspaceId, c.id, c.agentId, due(c.assignedAt, assignment.autoTransfer.seconds * 1000));
        await aftercare?.reschedule(workspaceId, c.id);
      }
    }
  }
}
