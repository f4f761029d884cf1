import type { RoutingTarget } from '../settings/schemas';
import type { AssignOutcome, RoutingState } from './engine-core';
import { RoutingQueues } from './engine-queues';
import type { RoutingPlan } from './rules';
import { hasCapacity, agentsInOrder, rankBySaturation, servesTarget, targetKey, underLimit, type AgentSnapshot } from './strategies';

export type { AssignOutcome, EnqueueOutcome, PoolOrder, QueueEntry, RoutingState } from './engine-core';

const TRIED_TTL_SECONDS = 86_400;

/**
 * The routing state machine over Redis: agent presence and capacity, atomic assignment along a routing
 * plan, per-target waiting queues, transfer and release. Framework-free; the realtime server and the
 * worker drive it. Decisions are made in TypeScript on a one-round-trip snapshot and committed by Lua
 * compare-and-set scripts, so concurrent nodes can never over-assign.
 */
export class RoutingEngine extends RoutingQueues {
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
      const outcome = await this.claimInStep(agents, roundRobin, workspaceId, conversationId, step, options, requireOnline);
      if (outcome) return outcome;
    }
    return { kind: 'no_agent' };
  }

  /** Claims the best agent of one plan step; null when the step has none (or others wait for it). */
  private async claimInStep(
    agents: AgentSnapshot[],
    roundRobin: Record<string, string>,
    workspaceId: string,
    conversationId: string,
    step: RoutingPlan['steps'][number],
    options: Parameters<RoutingEngine['assign']>[3] & object,
    requireOnline: boolean,
  ): Promise<AssignOutcome | null> {
    const k = this.keys(workspaceId);
    const key = targetKey(step.target);
    const rotating = step.method === 'round_robin';
    const candidates = agents.filter((a) => servesTarget(a, step.target) && !options.exclude?.has(a.id));
    const waitingKey = options.waitingIn === 'pool' ? k.pool(key) : k.queue(key);
    // Round robin re-ranks when another node moved the rotation since the snapshot (bounded: a handful of
    // nodes can move it only so often while this decision runs).
    for (let attempt = 0; attempt < 5; attempt++) {
      const position = roundRobin[key] ?? null;
      const ranked = agentsInOrder(candidates, step.method, { roundRobinLast: position, lastServedAgentId: options.lastServedAgentId ?? null }, requireOnline ? hasCapacity : underLimit);
      let moved = false;
      for (const agent of ranked) {
        // Reserve in the shared snapshot before claiming, so concurrent decisions of this process rank
        // with it and spread over agents; undone if the claim does not take this agent.
        const reserved = { load: agent.load, lastAssignedAt: agent.lastAssignedAt };
        agent.load += 1;
        agent.lastAssignedAt = Date.now();
        const [code, agentId] = await this.redis.lcClaim(
          k.status, k.limit, k.load, k.lastAssigned, k.assignment, waitingKey, k.roundRobin,
          conversationId, agent.id, Date.now(), '1', rotating ? key : '', requireOnline ? '1' : '0', rotating ? (position ?? '') : '',
        );
        if (code === 1 && rotating) roundRobin[key] = agent.id;
        if (code !== 1) Object.assign(agent, reserved);
        if (code === 1 || code === 0) return { kind: 'assigned', agentId, target: step.target };
        if (code === -2) return null; // others are waiting for this target: it is full for newcomers
        // -3/-4/-8: the snapshot was stale (another node claimed this agent or moved the rotation): let the
        // next decision read a fresh snapshot.
        this.decisionStates.delete(workspaceId);
        if (code === -8) {
          if (agentId) roundRobin[key] = agentId;
          else delete roundRobin[key];
          moved = true;
          break;
        }
      }
      if (!moved) return null;
    }
    return null;
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
}
