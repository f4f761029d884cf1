import type { Redis } from 'ioredis';
import type { RoutingTarget } from '../settings/schemas';
import { routingKeys, type RoutingKeys } from './keys';
import { AGENT_SIDE_OFFLINE_SCRIPT, CLAIM_SCRIPT, DEQUEUE_CLAIM_SCRIPT, ENQUEUE_SCRIPT, LEAVE_QUEUE_SCRIPT, POOL_ADD_SCRIPT, POOL_CLAIM_SCRIPT, RELEASE_SCRIPT, TRANSFER_SCRIPT } from './scripts';
import type { AgentSnapshot, AgentStatus } from './strategies';

export type Args = (string | number)[];
export type RoutingRedis = Redis & {
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


/** How long assignment decisions of one process share a presence snapshot (see decisionState). */
const DECISION_STATE_MS = 50;
/** A visitor's socket hash expires a day after the last connect (stale entries of crashed nodes vanish). */
export const VISITOR_SOCKETS_TTL_SECONDS = 86_400;
/** How long a node seen alive is trusted without asking (well under the heartbeat TTL, seconds). */
const NODE_ALIVE_CACHE_MS = 1_000;

/**
 * Routing state in Redis, part 1 (engine.ts is the whole): agent presence and capacity, the shared
 * decision snapshot, and live sockets of agents and visitors.
 */
export class RoutingCore {
  protected readonly redis: RoutingRedis;
  /** Node id -> until when its heartbeat is taken as alive without asking Redis (visitorConnected). */
  private readonly nodeAlive = new Map<string, number>();

  constructor(
    redis: Redis,
    protected readonly prefix: string,
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
  protected readonly decisionStates = new Map<string, { at: number; state: Promise<RoutingState> }>();
  protected decisionState(workspaceId: string, fresh: boolean): { state: Promise<RoutingState>; cached: boolean } {
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
    const now = Date.now();
    if (nodes.some((n) => (this.nodeAlive.get(n) ?? 0) > now)) return true;
    const alive = await this.redis.exists(...nodes.map((n) => `${this.prefix}:node:${n}:alive`));
    // One node's answer is enough: remember a live one briefly (the message hot path asks per agent message).
    if (alive > 0 && nodes.length === 1) this.nodeAlive.set(nodes[0], now + NODE_ALIVE_CACHE_MS);
    return alive > 0;
  }

  /** The visitor's presence hash (the visitor handshake writes it in its one Redis round trip). */
  visitorSocketsKey(workspaceId: string, visitorId: string): string {
    return `${this.prefix}:{ws:${workspaceId}}:vsockets:${visitorId}`;
  }
}
