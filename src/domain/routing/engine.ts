import type { Redis } from 'ioredis';
import type { RoutingTarget } from '../settings/schemas';
import { routingKeys, type RoutingKeys } from './keys';
import type { RoutingPlan } from './rules';
import { AGENT_SIDE_OFFLINE_SCRIPT, CLAIM_SCRIPT, DEQUEUE_CLAIM_SCRIPT, ENQUEUE_SCRIPT, LEAVE_QUEUE_SCRIPT, POOL_ADD_SCRIPT, POOL_CLAIM_SCRIPT, RELEASE_SCRIPT, TRANSFER_SCRIPT } from './scripts';
import { hasCapacity, rankAgents, rankBySaturation, servableTargetKeys, servesTarget, targetKey, underLimit, type AgentSnapshot, type AgentStatus } from './strategies';

type Args = (string | number)[];
type RoutingRedis = Redis & {
  lcClaim(...args: Args): Promise<[number, string]>;
  lcRelease(...args: Args): Promise<string>;
  lcEnqueue(...args: Args): Promise<[number]>;
  lcDequeueClaim(...args: Args): Promise<[number, string]>;
  lcLeaveQueue(...args: Args): Promise<number>;
  lcTransfer(...args: Args): Promise<number>;
  lcPoolAdd(...args: Args): Promise<number>;
  lcPoolClaim(...args: Args): Promise<number>;
  lcAgentSideOffline(...args: Args): Promise<number>;
};

export type PoolOrder = 'oldest' | 'vip' | 'newest';

export type AssignOutcome = { kind: 'assigned'; agentId: string; target: RoutingTarget } | { kind: 'no_agent' };

export interface QueueEntry {
  conversationId: string;
  visitorId: string;
  targetKey: string;
  vip: boolean;
  enqueuedAt: number;
  /** In the always-on Unassigned pool rather than the real-time queue. */
  pool?: boolean;
}

export type EnqueueOutcome = { kind: 'queued'; position: number } | { kind: 'assigned' } | { kind: 'full'; scope: 'global' | 'target' };

export interface RoutingState {
  agents: AgentSnapshot[];
  roundRobin: Record<string, string>;
}

const BAND_SIZE = 1e13;
/** How long assignment decisions of one process share a presence snapshot (see decisionState). */
const DECISION_STATE_MS = 50;
/** Larger than any ms timestamp we will see: newest-first pools score by (MAX_TS - enqueue time). */
const MAX_TS = 9e12;
const HANDLED_SAMPLES = 50;
const TRIED_TTL_SECONDS = 86_400;
/** A visitor's socket hash expires a day after the last connect (stale entries of crashed nodes vanish). */
const VISITOR_SOCKETS_TTL_SECONDS = 86_400;

/**
 * The routing state machine over Redis: agent presence and capacity, atomic assignment along a routing
 * plan, per-target waiting queues, transfer and release. Framework-free; the realtime server and the
 * worker drive it. Decisions are made in TypeScript on a one-round-trip snapshot and committed by Lua
 * compare-and-set scripts, so concurrent nodes can never over-assign.
 */
export class RoutingEngine {
  private readonly redis: RoutingRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.redis = redis as RoutingRedis;
    if (!('lcClaim' in redis)) {
      redis.defineCommand('lcClaim', { numberOfKeys: 7, lua: CLAIM_SCRIPT });
      redis.defineCommand('lcRelease', { numberOfKeys: 2, lua: RELEASE_SCRIPT });
      redis.defineCommand('lcEnqueue', { numberOfKeys: 4, lua: ENQUEUE_SCRIPT });
      redis.defineCommand('lcDequeueClaim', { lua: DEQUEUE_CLAIM_SCRIPT });
      redis.defineCommand('lcLeaveQueue', { numberOfKeys: 3, lua: LEAVE_QUEUE_SCRIPT });
      redis.defineCommand('lcTransfer', { numberOfKeys: 5, lua: TRANSFER_SCRIPT });
      redis.defineCommand('lcPoolAdd', { numberOfKeys: 3, lua: POOL_ADD_SCRIPT });
      redis.defineCommand('lcPoolClaim', { numberOfKeys: 7, lua: POOL_CLAIM_SCRIPT });
      redis.defineCommand('lcAgentSideOffline', { numberOfKeys: 2, lua: AGENT_SIDE_OFFLINE_SCRIPT });
    }
  }

  keys(workspaceId: string): RoutingKeys {
    return routingKeys(this.prefix, workspaceId);
  }

  // ------------------------------------------------------------------ presence

  /** Registers or refreshes an agent's routing profile (limit and groups) without changing status. */
  async upsertAgent(workspaceId: string, agent: { id: string; limit: number; groupIds: string[] }): Promise<void> {
    const k = this.keys(workspaceId);
    await this.redis
      .multi()
      .hset(k.limit, agent.id, agent.limit)
      .hset(k.groups, agent.id, JSON.stringify(agent.groupIds))
      .hsetnx(k.status, agent.id, 'offline')
      .hsetnx(k.load, agent.id, 0)
      .hsetnx(k.lastAssigned, agent.id, 0)
      .exec();
    this.decisionStates.delete(workspaceId);
  }

  async setStatus(workspaceId: string, agentId: string, status: AgentStatus): Promise<void> {
    await this.redis.hset(this.keys(workspaceId).status, agentId, status);
    this.decisionStates.delete(workspaceId);
  }

  /** Removes a deactivated agent from routing. Assigned chats stay assigned until released. */
  async removeAgent(workspaceId: string, agentId: string): Promise<void> {
    const k = this.keys(workspaceId);
    await this.redis.multi().hdel(k.status, agentId).hdel(k.limit, agentId).hdel(k.groups, agentId).hdel(k.lastAssigned, agentId).exec();
    this.decisionStates.delete(workspaceId);
  }

  /** One round trip: every agent's status, limit, load, last assignment and groups, plus round-robin positions. */
  async state(workspaceId: string): Promise<RoutingState> {
    const k = this.keys(workspaceId);
    const results = (await this.redis.pipeline().hgetall(k.status).hgetall(k.limit).hgetall(k.load).hgetall(k.lastAssigned).hgetall(k.groups).hgetall(k.roundRobin).exec()) ?? [];
    const [status, limit, load, last, groups, roundRobin] = results.map(([, v]) => (v ?? {}) as Record<string, string>);
    const agents = Object.keys(status).map((id) => ({
      id,
      status: status[id] as AgentStatus,
      limit: Number(limit[id] ?? 0),
      load: Number(load[id] ?? 0),
      lastAssignedAt: Number(last[id] ?? 0),
      groupIds: groups[id] ? this.parseGroups(groups[id]) : [],
    }));
    return { agents, roundRobin };
  }

  /** Group lists rarely change: parse each distinct JSON once. */
  private readonly parsedGroups = new Map<string, string[]>();
  private parseGroups(raw: string): string[] {
    let parsed = this.parsedGroups.get(raw);
    if (!parsed) {
      if (this.parsedGroups.size > 10_000) this.parsedGroups.clear();
      parsed = JSON.parse(raw) as string[];
      this.parsedGroups.set(raw, parsed);
    }
    return parsed;
  }

  /**
   * Snapshot shared by the assignment decisions of this process: read once (concurrent decisions wait for
   * the same read) and kept for DECISION_STATE_MS, updated locally after each successful claim and dropped
   * on local presence changes or a lost claim. It only orders the candidates; every claim is re-checked
   * atomically in Redis, and "no agent" is never concluded from a cached snapshot.
   */
  private readonly decisionStates = new Map<string, { at: number; state: Promise<RoutingState> }>();
  private decisionState(workspaceId: string, fresh: boolean): { state: Promise<RoutingState>; cached: boolean } {
    const hit = this.decisionStates.get(workspaceId);
    if (!fresh && hit && Date.now() - hit.at < DECISION_STATE_MS) return { state: hit.state, cached: true };
    const state = this.state(workspaceId);
    this.decisionStates.set(workspaceId, { at: Date.now(), state });
    state.catch(() => this.decisionStates.delete(workspaceId));
    return { state, cached: false };
  }

  async snapshot(workspaceId: string): Promise<AgentSnapshot[]> {
    return (await this.state(workspaceId)).agents;
  }

  async agent(workspaceId: string, agentId: string): Promise<AgentSnapshot | null> {
    return (await this.snapshot(workspaceId)).find((a) => a.id === agentId) ?? null;
  }

  // ------------------------------------------------------------------ assignment

  /**
   * Walks the plan's targets in order (rule target, then its overflow chain) and claims the best agent
   * of the first target that has one. A target whose queue already has chats waiting counts as full, so a
   * newcomer never overtakes them.
   */
  async assign(
    workspaceId: string,
    conversationId: string,
    plan: RoutingPlan,
    options: {
      exclude?: ReadonlySet<string>;
      lastServedAgentId?: string | null;
      isTargetOpen?: (target: RoutingTarget) => boolean;
      /** Always-on "all agents": assign to agents under their limit whatever their status. */
      requireOnline?: boolean;
      /** Whose waiting chats a newcomer must not overtake: the real-time queue or the always-on pool. */
      waitingIn?: 'queue' | 'pool';
    } = {},
  ): Promise<AssignOutcome> {
    const first = this.decisionState(workspaceId, false);
    const outcome = await this.assignWith(await first.state, workspaceId, conversationId, plan, options);
    // A cached snapshot may miss an agent who just came online elsewhere: confirm "no agent" on a fresh one.
    if (outcome.kind === 'no_agent' && first.cached) return this.assignWith(await this.decisionState(workspaceId, true).state, workspaceId, conversationId, plan, options);
    return outcome;
  }

  private async assignWith(
    { agents, roundRobin }: RoutingState,
    workspaceId: string,
    conversationId: string,
    plan: RoutingPlan,
    options: Parameters<RoutingEngine['assign']>[3] & object,
  ): Promise<AssignOutcome> {
    const k = this.keys(workspaceId);
    const requireOnline = options.requireOnline !== false;
    for (const step of plan.steps) {
      if (options.isTargetOpen && !options.isTargetOpen(step.target)) continue;
      const key = targetKey(step.target);
      const candidates = agents.filter((a) => servesTarget(a, step.target) && !options.exclude?.has(a.id));
      const ranked = rankAgents(candidates, step.method, { roundRobinLast: roundRobin[key] ?? null, lastServedAgentId: options.lastServedAgentId ?? null }, requireOnline ? hasCapacity : underLimit);
      const waitingKey = options.waitingIn === 'pool' ? k.pool(key) : k.queue(key);
      for (const agent of ranked) {
        // Reserve in the shared snapshot before claiming, so concurrent decisions of this process rank
        // with it and spread over agents; undone if the claim does not take this agent.
        const reserved = { load: agent.load, lastAssignedAt: agent.lastAssignedAt };
        agent.load += 1;
        agent.lastAssignedAt = Date.now();
        const [code, agentId] = await this.redis.lcClaim(
          k.status, k.limit, k.load, k.lastAssigned, k.assignment, waitingKey, k.roundRobin,
          conversationId, agent.id, Date.now(), '1', step.method === 'round_robin' ? key : '', requireOnline ? '1' : '0',
        );
        if (code === 1 && step.method === 'round_robin') roundRobin[key] = agent.id;
        if (code !== 1) Object.assign(agent, reserved);
        if (code === 1 || code === 0) return { kind: 'assigned', agentId, target: step.target };
        if (code === -2) break; // others are waiting for this target: it is full for newcomers
        // -3/-4: the snapshot was stale for this agent (another node claimed it): try the next one, and
        // let the next decision read a fresh snapshot.
        this.decisionStates.delete(workspaceId);
      }
    }
    return { kind: 'no_agent' };
  }

  /** Moves a chat from one agent to another atomically. False if the receiver is unavailable or full. */
  async transfer(workspaceId: string, conversationId: string, fromAgentId: string, toAgentId: string): Promise<boolean> {
    const k = this.keys(workspaceId);
    const code = await this.redis.lcTransfer(k.status, k.limit, k.load, k.lastAssigned, k.assignment, conversationId, fromAgentId, toAgentId, Date.now());
    if (code === 1) this.decisionStates.delete(workspaceId);
    return code === 1;
  }

  /** The best agent of a target with capacity, excluding some (manual transfer to a group, auto-transfer). */
  async bestAgentFor(workspaceId: string, target: RoutingTarget, exclude: ReadonlySet<string>): Promise<AgentSnapshot[]> {
    const agents = await this.snapshot(workspaceId);
    return rankBySaturation(agents.filter((a) => servesTarget(a, target) && !exclude.has(a.id)));
  }

  /** Frees the capacity a conversation held and removes it from any queue. Returns its agent, if any. */
  async release(workspaceId: string, conversationId: string): Promise<string | null> {
    const k = this.keys(workspaceId);
    await this.leaveQueue(workspaceId, conversationId);
    const agent = await this.redis.lcRelease(k.load, k.assignment, conversationId);
    if (agent) this.decisionStates.delete(workspaceId);
    return agent || null;
  }

  async markTried(workspaceId: string, conversationId: string, agentId: string): Promise<void> {
    const key = this.keys(workspaceId).tried(conversationId);
    await this.redis.multi().sadd(key, agentId).expire(key, TRIED_TTL_SECONDS).exec();
  }

  async triedAgents(workspaceId: string, conversationId: string): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.keys(workspaceId).tried(conversationId)));
  }

  // ------------------------------------------------------------------ queue

  /** Adds a chat to its target's queue (idempotent) unless the global or target maximum is reached. */
  async enqueue(
    workspaceId: string,
    entry: { conversationId: string; visitorId: string; target: RoutingTarget; vip: boolean; enqueuedAt: number },
    limits: { globalMax: number; targetMax: number; vipPriority: boolean },
  ): Promise<EnqueueOutcome> {
    const k = this.keys(workspaceId);
    const key = targetKey(entry.target);
    const band = entry.vip && limits.vipPriority ? 0 : 1;
    const stored: QueueEntry = { conversationId: entry.conversationId, visitorId: entry.visitorId, targetKey: key, vip: entry.vip, enqueuedAt: entry.enqueuedAt };
    const [code] = await this.redis.lcEnqueue(
      k.queue(key), k.queueMeta, k.assignment, k.queueLength,
      entry.conversationId, band * BAND_SIZE + entry.enqueuedAt, JSON.stringify(stored), limits.globalMax, limits.targetMax,
    );
    if (code === 0) return { kind: 'assigned' };
    if (code === -6) return { kind: 'full', scope: 'global' };
    if (code === -7) return { kind: 'full', scope: 'target' };
    return { kind: 'queued', position: code };
  }

  async queueEntry(workspaceId: string, conversationId: string): Promise<QueueEntry | null> {
    const raw = await this.redis.hget(this.keys(workspaceId).queueMeta, conversationId);
    return raw ? (JSON.parse(raw) as QueueEntry) : null;
  }

  /** Removes a chat from the queue or pool it waits in. True if it was waiting. */
  async leaveQueue(workspaceId: string, conversationId: string): Promise<boolean> {
    const entry = await this.queueEntry(workspaceId, conversationId);
    if (!entry) return false;
    const k = this.keys(workspaceId);
    const key = entry.pool ? k.pool(entry.targetKey) : k.queue(entry.targetKey);
    return (await this.redis.lcLeaveQueue(key, k.queueMeta, k.queueLength, conversationId, entry.pool ? '0' : '1')) === 1;
  }

  // ------------------------------------------------------------------ always-on Unassigned pool

  static poolScore(order: PoolOrder, vip: boolean, enqueuedAt: number): number {
    if (order === 'newest') return BAND_SIZE + (MAX_TS - enqueuedAt);
    if (order === 'vip') return (vip ? 0 : 1) * BAND_SIZE + enqueuedAt;
    return BAND_SIZE + enqueuedAt;
  }

  /** Puts an always-on chat no agent qualified for into the Unassigned pool of its target. */
  async addToPool(
    workspaceId: string,
    entry: { conversationId: string; visitorId: string; target: RoutingTarget; vip: boolean; enqueuedAt: number },
    order: PoolOrder,
  ): Promise<boolean> {
    const k = this.keys(workspaceId);
    const key = targetKey(entry.target);
    const stored: QueueEntry = { conversationId: entry.conversationId, visitorId: entry.visitorId, targetKey: key, vip: entry.vip, enqueuedAt: entry.enqueuedAt, pool: true };
    const added = await this.redis.lcPoolAdd(k.pool(key), k.queueMeta, k.assignment, entry.conversationId, RoutingEngine.poolScore(order, entry.vip, entry.enqueuedAt), JSON.stringify(stored));
    return added === 1;
  }

  /** An agent takes one specific chat from the pool. False if someone else took it or the agent is full/offline. */
  async claimFromPool(workspaceId: string, conversationId: string, agentId: string): Promise<'claimed' | 'gone' | 'unavailable'> {
    const entry = await this.queueEntry(workspaceId, conversationId);
    if (!entry?.pool) return 'gone';
    const k = this.keys(workspaceId);
    const code = await this.redis.lcPoolClaim(k.status, k.limit, k.load, k.lastAssigned, k.assignment, k.queueMeta, k.pool(entry.targetKey), conversationId, agentId, Date.now());
    if (code === 1) return 'claimed';
    return code === -5 ? 'gone' : 'unavailable';
  }

  /** Re-orders the pool after the configured order changed. */
  async rescorePool(workspaceId: string, order: PoolOrder): Promise<void> {
    const k = this.keys(workspaceId);
    const entries = (await this.redis.hvals(k.queueMeta)).map((m) => JSON.parse(m) as QueueEntry).filter((e) => e.pool);
    if (!entries.length) return;
    const pipeline = this.redis.pipeline();
    for (const e of entries) pipeline.zadd(k.pool(e.targetKey), 'XX', RoutingEngine.poolScore(order, e.vip, e.enqueuedAt), e.conversationId);
    await pipeline.exec();
  }

  async queueLength(workspaceId: string): Promise<number> {
    return Number((await this.redis.get(this.keys(workspaceId).queueLength)) ?? 0);
  }

  /** Entries of one target queue in order (head first). */
  async queuedEntries(workspaceId: string, key: string): Promise<QueueEntry[]> {
    const k = this.keys(workspaceId);
    const ids = await this.redis.zrange(k.queue(key), '0', '-1');
    if (!ids.length) return [];
    const metas = await this.redis.hmget(k.queueMeta, ...ids);
    return metas.flatMap((raw) => (raw ? [JSON.parse(raw) as QueueEntry] : []));
  }

  /** Every chat waiting in the real-time queue, grouped by target queue, each list head first. */
  async allQueues(workspaceId: string): Promise<Map<string, QueueEntry[]>> {
    const metas = await this.redis.hvals(this.keys(workspaceId).queueMeta);
    const keys = new Set(metas.map((m) => JSON.parse(m) as QueueEntry).filter((e) => !e.pool).map((e) => e.targetKey));
    const result = new Map<string, QueueEntry[]>();
    for (const key of keys) result.set(key, await this.queuedEntries(workspaceId, key));
    return result;
  }

  async queuePosition(workspaceId: string, conversationId: string): Promise<number | null> {
    const entry = await this.queueEntry(workspaceId, conversationId);
    if (!entry || entry.pool) return null;
    const rank = await this.redis.zrank(this.keys(workspaceId).queue(entry.targetKey), conversationId);
    return rank === null ? null : rank + 1;
  }

  /**
   * Moves waiting chats to agents with free capacity until either runs out: each agent, least saturated
   * first, takes the best-placed head among the queues it serves. Safe to call from any node at any time.
   */
  async drain(workspaceId: string, options: { isAgentAllowed?: (agent: AgentSnapshot) => boolean } = {}): Promise<{ conversationId: string; agentId: string }[]> {
    const k = this.keys(workspaceId);
    const assigned: { conversationId: string; agentId: string }[] = [];
    // Cheap exit for the common case: nobody waiting in any queue or pool.
    while ((await this.redis.hlen(k.queueMeta)) > 0) {
      let candidates = rankBySaturation(await this.snapshot(workspaceId)).filter((a) => !options.isAgentAllowed || options.isAgentAllowed(a));
      let progressed = false;
      // Performance (bench "routing"): one snapshot serves the whole pass. After a claim the agent's load and
      // last-assignment time are updated locally and the list re-ranked, instead of re-reading every agent's
      // presence (6 HGETALLs) per decision; an agent whose claim fails (nothing it serves is waiting, or the
      // snapshot was stale) leaves this pass. The claim script still re-checks status and limit atomically,
      // and a pass that made progress is followed by one on a fresh snapshot, so the outcome is unchanged.
      while (candidates.length) {
        const agent = candidates[0];
        const served = servableTargetKeys(agent);
        const queues = served.map((key) => k.queue(key));
        const pools = served.map((key) => k.pool(key));
        const now = Date.now();
        const [code, conversationId] = await this.redis.lcDequeueClaim(
          7 + queues.length + pools.length, k.status, k.limit, k.load, k.lastAssigned, k.assignment, k.queueMeta, k.queueLength, ...queues, ...pools,
          agent.id, now, queues.length,
        );
        if (code === 1) {
          assigned.push({ conversationId, agentId: agent.id });
          progressed = true;
          agent.load += 1;
          agent.lastAssignedAt = now;
          candidates = rankBySaturation(candidates); // saturation changed (full agents drop out)
        } else {
          candidates.shift();
        }
      }
      if (!progressed) break;
    }
    return assigned;
  }

  // ------------------------------------------------------------------ statistics

  async recordHandled(workspaceId: string, seconds: number): Promise<void> {
    const key = this.keys(workspaceId).handled;
    await this.redis.multi().lpush(key, Math.round(seconds)).ltrim(key, 0, HANDLED_SAMPLES - 1).exec();
  }

  async recentHandleDurations(workspaceId: string): Promise<number[]> {
    return (await this.redis.lrange(this.keys(workspaceId).handled, 0, -1)).map(Number);
  }

  /** Concurrent chat slots of the online agents who serve a target queue. */
  static capacityFor(agents: AgentSnapshot[], key: string): number {
    return agents.filter((a) => a.status === 'online' && servableTargetKeys(a).includes(key)).reduce((sum, a) => sum + a.limit, 0);
  }

  // ------------------------------------------------------------------ sockets

  /** Records a live socket for an agent; returns the number of sockets the agent now has. */
  async addSocket(workspaceId: string, agentId: string, socketId: string, nodeId: string): Promise<number> {
    const key = this.keys(workspaceId).sockets(agentId);
    const [, [, count]] = (await this.redis.multi().hset(key, socketId, nodeId).hlen(key).exec()) as [unknown, [null, number]];
    return count;
  }

  /** Forgets a socket; returns how many sockets the agent still has. */
  async removeSocket(workspaceId: string, agentId: string, socketId: string): Promise<number> {
    const key = this.keys(workspaceId).sockets(agentId);
    const [, [, count]] = (await this.redis.multi().hdel(key, socketId).hlen(key).exec()) as [unknown, [null, number]];
    return count;
  }

  /** Forgets every socket a (dead) node held for an agent; returns how many remain. */
  async removeNodeSockets(workspaceId: string, agentId: string, nodeId: string): Promise<number> {
    const key = this.keys(workspaceId).sockets(agentId);
    const all = await this.redis.hgetall(key);
    const dead = Object.entries(all).filter(([, node]) => node === nodeId).map(([socketId]) => socketId);
    if (dead.length) await this.redis.hdel(key, ...dead);
    return this.redis.hlen(key);
  }

  /** One round trip: is nobody on the agent side connected to receive a visitor's message (F10 offline)? */
  async agentSideOffline(workspaceId: string, conversationId: string): Promise<boolean> {
    const k = this.keys(workspaceId);
    return (await this.redis.lcAgentSideOffline(k.assignment, k.queueMeta, conversationId, k.sockets(''))) === 1;
  }

  async socketCount(workspaceId: string, agentId: string): Promise<number> {
    return this.redis.hlen(this.keys(workspaceId).sockets(agentId));
  }

  // ------------------------------------------------------------------ visitor presence (offline messages, F10)

  /** Records a visitor's live socket (hash socketId -> nodeId); the realtime server calls it on connect. */
  async addVisitorSocket(workspaceId: string, visitorId: string, socketId: string, nodeId: string): Promise<void> {
    const key = this.visitorSocketsKey(workspaceId, visitorId);
    await this.redis.multi().hset(key, socketId, nodeId).expire(key, VISITOR_SOCKETS_TTL_SECONDS).exec();
  }

  async removeVisitorSocket(workspaceId: string, visitorId: string, socketId: string): Promise<void> {
    await this.redis.hdel(this.visitorSocketsKey(workspaceId, visitorId), socketId);
  }

  /** Whether the visitor has a socket on a live realtime node (sockets of crashed nodes do not count). */
  async visitorConnected(workspaceId: string, visitorId: string): Promise<boolean> {
    const nodes = [...new Set(await this.redis.hvals(this.visitorSocketsKey(workspaceId, visitorId)))];
    if (!nodes.length) return false;
    const alive = await this.redis.exists(...nodes.map((n) => `${this.prefix}:node:${n}:alive`));
    return alive > 0;
  }

  private visitorSocketsKey(workspaceId: string, visitorId: string): string {
    return `${this.prefix}:{ws:${workspaceId}}:vsockets:${visitorId}`;
  }
}

