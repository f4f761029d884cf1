import { RoutingCore, type EnqueueOutcome, type PoolOrder, type QueueEntry } from './engine-core';
import type { RoutingTarget } from '../settings/schemas';
import { leastSaturated, servableTargetKeys, targetKey, type AgentSnapshot } from './strategies';

const BAND_SIZE = 1e13;
/** Larger than any ms timestamp we will see: newest-first pools score by (MAX_TS - enqueue time). */
const MAX_TS = 9e12;
const HANDLED_SAMPLES = 50;
/** Most claims a drain sends in one pipelined round trip. */
const DRAIN_ROUND = 32;

/**
 * Routing state in Redis, part 2 (engine.ts is the whole): the per-target waiting queues, the always-on
 * Unassigned pool, draining them into free capacity, and handling-time statistics.
 */
export class RoutingQueues extends RoutingCore {
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
    const added = await this.redis.lcPoolAdd(k.pool(key), k.queueMeta, k.assignment, entry.conversationId, RoutingQueues.poolScore(order, entry.vip, entry.enqueuedAt), JSON.stringify(stored));
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
    for (const e of entries) pipeline.zadd(k.pool(e.targetKey), 'XX', RoutingQueues.poolScore(order, e.vip, e.enqueuedAt), e.conversationId);
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
    let waiting = await this.redis.hlen(k.queueMeta);
    while (waiting > 0) {
      let candidates = (await this.snapshot(workspaceId)).filter((a) => !options.isAgentAllowed || options.isAgentAllowed(a));
      let progressed = false;
      // Performance (bench "routing"): one snapshot serves the whole pass, and claims go out in pipelined
      // rounds. A round is planned locally as the sequential drain would run if every claim succeeded (each
      // pick is the least saturated agent with room, then its load and last-assignment time are updated),
      // then sent in one round trip; the claim script re-checks status, limit and queue heads atomically, in
      // order. A failed claim (nothing it serves is waiting, or a stale snapshot) undoes its local update and
      // the agent leaves this pass; a pass that made progress is followed by one on a fresh snapshot.
      while (waiting > 0 && leastSaturated(candidates)) {
        const now = Date.now();
        const round: { agent: AgentSnapshot; before: number }[] = [];
        for (let agent = leastSaturated(candidates); agent && round.length < Math.min(DRAIN_ROUND, waiting); agent = leastSaturated(candidates)) {
          round.push({ agent, before: agent.lastAssignedAt });
          agent.load += 1;
          agent.lastAssignedAt = now;
        }
        const pipeline = this.redis.pipeline() as unknown as { lcDequeueClaim: (...args: (string | number)[]) => void; exec: () => Promise<[Error | null, [number, string]][] | null> };
        for (const { agent } of round) {
          const served = servableTargetKeys(agent);
          const queues = served.map((key) => k.queue(key));
          const pools = served.map((key) => k.pool(key));
          pipeline.lcDequeueClaim(7 + queues.length + pools.length, k.status, k.limit, k.load, k.lastAssigned, k.assignment, k.queueMeta, k.queueLength, ...queues, ...pools, agent.id, now, queues.length);
        }
        const results = (await pipeline.exec()) ?? [];
        const failed = new Set<AgentSnapshot>();
        round.forEach(({ agent, before }, i) => {
          const [error, reply] = results[i] ?? [new Error('no reply'), [0, '']];
          if (error) throw error;
          if (reply[0] === 1) {
            assigned.push({ conversationId: reply[1], agentId: agent.id });
            progressed = true;
            waiting -= 1;
          } else {
            agent.load -= 1;
            agent.lastAssignedAt = before;
            failed.add(agent);
          }
        });
        candidates = candidates.filter((a) => !failed.has(a));
      }
      if (!progressed) break;
      waiting = await this.redis.hlen(k.queueMeta);
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
}
