import type { Redis } from 'ioredis';
import { routingKeys, type RoutingKeys } from './keys';
import { CLAIM_SCRIPT, DEQUEUE_CLAIM_SCRIPT, ENQUEUE_SCRIPT, LEAVE_QUEUE_SCRIPT, RELEASE_SCRIPT } from './scripts';
import { rankBySaturation, type AgentSnapshot, type AgentStatus } from './strategies';

type RoutingRedis = Redis & {
  lcClaim(...args: (string | number)[]): Promise<[number, string]>;
  lcRelease(...args: (string | number)[]): Promise<string>;
  lcEnqueue(...args: (string | number)[]): Promise<number>;
  lcDequeueClaim(...args: (string | number)[]): Promise<[number, string]>;
  lcLeaveQueue(...args: (string | number)[]): Promise<number>;
};

export type AssignOutcome = { kind: 'assigned'; agentId: string } | { kind: 'no_agent' } | { kind: 'queue_not_empty' };

export interface QueueEntry {
  conversationId: string;
  visitorId: string;
  vip: boolean;
  enqueuedAt: number;
}

/** Claims lost to a concurrent node are retried on a fresh snapshot; this bounds the retries. */
const MAX_CLAIM_ATTEMPTS = 8;
const VIP_BAND = 0;
const NORMAL_BAND = 1;
const BAND_SIZE = 1e13;

/**
 * The routing state machine over Redis: agent presence and capacity, atomic assignment, the waiting queue
 * and release. Framework-free; the realtime server and the worker drive it.
 */
export class RoutingEngine {
  private readonly redis: RoutingRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.redis = redis as RoutingRedis;
    if (!('lcClaim' in redis)) {
      redis.defineCommand('lcClaim', { numberOfKeys: 6, lua: CLAIM_SCRIPT });
      redis.defineCommand('lcRelease', { numberOfKeys: 2, lua: RELEASE_SCRIPT });
      redis.defineCommand('lcEnqueue', { numberOfKeys: 3, lua: ENQUEUE_SCRIPT });
      redis.defineCommand('lcDequeueClaim', { numberOfKeys: 7, lua: DEQUEUE_CLAIM_SCRIPT });
      redis.defineCommand('lcLeaveQueue', { numberOfKeys: 2, lua: LEAVE_QUEUE_SCRIPT });
    }
  }

  keys(workspaceId: string): RoutingKeys {
    return routingKeys(this.prefix, workspaceId);
  }

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
  }

  async setStatus(workspaceId: string, agentId: string, status: AgentStatus): Promise<AgentStatus | null> {
    const k = this.keys(workspaceId);
    const [[, previous]] = (await this.redis.multi().hget(k.status, agentId).hset(k.status, agentId, status).exec()) as [[null, string | null], unknown];
    return (previous as AgentStatus | null) ?? null;
  }

  async setLimit(workspaceId: string, agentId: string, limit: number): Promise<void> {
    await this.redis.hset(this.keys(workspaceId).limit, agentId, limit);
  }

  /** Removes an agent (deactivated) from routing. Assigned chats stay assigned until released. */
  async removeAgent(workspaceId: string, agentId: string): Promise<void> {
    const k = this.keys(workspaceId);
    await this.redis.multi().hdel(k.status, agentId).hdel(k.limit, agentId).hdel(k.groups, agentId).hdel(k.lastAssigned, agentId).exec();
  }

  /** One round trip: every agent's status, limit, load, last assignment and groups. */
  async snapshot(workspaceId: string): Promise<AgentSnapshot[]> {
    const k = this.keys(workspaceId);
    const results = (await this.redis.pipeline().hgetall(k.status).hgetall(k.limit).hgetall(k.load).hgetall(k.lastAssigned).hgetall(k.groups).exec()) ?? [];
    const [status, limit, load, last, groups] = results.map(([, v]) => (v ?? {}) as Record<string, string>);
    return Object.keys(status).map((id) => ({
      id,
      status: status[id] as AgentStatus,
      limit: Number(limit[id] ?? 0),
      load: Number(load[id] ?? 0),
      lastAssignedAt: Number(last[id] ?? 0),
      groupIds: groups[id] ? (JSON.parse(groups[id]) as string[]) : [],
    }));
  }

  async agent(workspaceId: string, agentId: string): Promise<AgentSnapshot | null> {
    return (await this.snapshot(workspaceId)).find((a) => a.id === agentId) ?? null;
  }

  /**
   * Assigns a new conversation to the best agent, or reports why not. When others are already waiting
   * (and `respectQueue`), the newcomer must queue behind them: FIFO is never skipped.
   */
  async assign(workspaceId: string, conversationId: string, options: { respectQueue?: boolean } = {}): Promise<AssignOutcome> {
    const k = this.keys(workspaceId);
    const tried = new Set<string>();
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      const candidates = rankBySaturation(await this.snapshot(workspaceId)).filter((a) => !tried.has(a.id));
      const best = candidates[0];
      if (!best) return { kind: 'no_agent' };
      const [code, agentId] = await this.redis.lcClaim(
        k.status, k.limit, k.load, k.lastAssigned, k.assignment, k.queue,
        conversationId, best.id, Date.now(), options.respectQueue === false ? '0' : '1',
      );
      if (code === 1 || code === 0) return { kind: 'assigned', agentId };
      if (code === -2) return { kind: 'queue_not_empty' };
      tried.add(best.id);
    }
    return { kind: 'no_agent' };
  }

  /** Adds a conversation to the waiting queue (idempotent). Returns its 1-based position, 0 if already assigned. */
  async enqueue(workspaceId: string, entry: QueueEntry): Promise<number> {
    const k = this.keys(workspaceId);
    const score = (entry.vip ? VIP_BAND : NORMAL_BAND) * BAND_SIZE + entry.enqueuedAt;
    return Number(await this.redis.lcEnqueue(k.queue, k.queueMeta, k.assignment, entry.conversationId, score, JSON.stringify(entry)));
  }

  async leaveQueue(workspaceId: string, conversationId: string): Promise<boolean> {
    const k = this.keys(workspaceId);
    return (await this.redis.lcLeaveQueue(k.queue, k.queueMeta, conversationId)) === 1;
  }

  /** Queue in order: conversation ids, head first. */
  async queued(workspaceId: string): Promise<string[]> {
    return this.redis.zrange(this.keys(workspaceId).queue, '0', '-1');
  }

  /** Queue entries in order, head first. */
  async queuedEntries(workspaceId: string): Promise<QueueEntry[]> {
    const k = this.keys(workspaceId);
    const ids = await this.redis.zrange(k.queue, '0', '-1');
    if (!ids.length) return [];
    const metas = await this.redis.hmget(k.queueMeta, ...ids);
    return metas.flatMap((raw) => (raw ? [JSON.parse(raw) as QueueEntry] : []));
  }

  async queuePosition(workspaceId: string, conversationId: string): Promise<number | null> {
    const rank = await this.redis.zrank(this.keys(workspaceId).queue, conversationId);
    return rank === null ? null : rank + 1;
  }

  /**
   * Moves waiting conversations to agents with free capacity, head of the queue first, until either runs
   * out. Safe to call from any node at any time; each pop-and-claim is one atomic script.
   */
  async drain(workspaceId: string): Promise<{ conversationId: string; agentId: string }[]> {
    const k = this.keys(workspaceId);
    const assigned: { conversationId: string; agentId: string }[] = [];
    let misses = 0;
    while (misses < MAX_CLAIM_ATTEMPTS) {
      const best = rankBySaturation(await this.snapshot(workspaceId))[0];
      if (!best) break;
      const [code, conversationId] = await this.redis.lcDequeueClaim(
        k.status, k.limit, k.load, k.lastAssigned, k.assignment, k.queue, k.queueMeta, best.id, Date.now(),
      );
      if (code === 1) {
        assigned.push({ conversationId, agentId: best.id });
        misses = 0;
      } else if (code === -5) {
        break;
      } else {
        misses++;
      }
    }
    return assigned;
  }

  /** Frees the capacity a conversation held. Returns the agent it was assigned to, if any. */
  async release(workspaceId: string, conversationId: string): Promise<string | null> {
    const k = this.keys(workspaceId);
    await this.leaveQueue(workspaceId, conversationId);
    const agent = await this.redis.lcRelease(k.load, k.assignment, conversationId);
    return agent || null;
  }

  async assignedAgent(workspaceId: string, conversationId: string): Promise<string | null> {
    return this.redis.hget(this.keys(workspaceId).assignment, conversationId);
  }

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

  async socketCount(workspaceId: string, agentId: string): Promise<number> {
    return this.redis.hlen(this.keys(workspaceId).sockets(agentId));
  }
}
