/**
 * Pure agent-selection logic. Takes a snapshot of agent presence and returns the agents to try, best
 * first. Atomicity is not this module's concern: the caller claims the chosen agent with a Lua
 * compare-and-claim script and retries on a fresh snapshot if the claim loses a race.
 */
import type { AssignmentMethod, RoutingTarget } from '../settings/schemas';

export type AgentStatus = 'online' | 'busy' | 'offline';

export interface AgentSnapshot {
  id: string;
  status: AgentStatus;
  limit: number;
  load: number;
  lastAssignedAt: number;
  groupIds: string[];
}

export function hasCapacity(agent: AgentSnapshot): boolean {
  return agent.status === 'online' && agent.load < agent.limit;
}

/** Always-on "assign to all agents": any agent under their limit, whatever their status. */
export function underLimit(agent: AgentSnapshot): boolean {
  return agent.load < agent.limit;
}

type Eligible = (agent: AgentSnapshot) => boolean;

/** A stable string for a target: 'all', 'group:<id>', 'agent:<id>' (queue and round-robin keys). */
export function targetKey(target: RoutingTarget): string {
  return target.type === 'all' ? 'all' : `${target.type}:${target.id}`;
}

export function servesTarget(agent: AgentSnapshot, target: RoutingTarget): boolean {
  if (target.type === 'all') return true;
  if (target.type === 'agent') return agent.id === target.id;
  return agent.groupIds.includes(target.id);
}

/** Target keys of the queues an agent can take chats from. */
export function servableTargetKeys(agent: Pick<AgentSnapshot, 'id' | 'groupIds'>): string[] {
  return ['all', `agent:${agent.id}`, ...agent.groupIds.map((g) => `group:${g}`)];
}

/** Saturation order: lowest load/limit first; ties go to the agent who has waited longest since an assignment. */
function bySaturation(a: AgentSnapshot, b: AgentSnapshot): number {
  return a.load / a.limit - b.load / b.limit || a.lastAssignedAt - b.lastAssignedAt || a.id.localeCompare(b.id);
}

export function rankBySaturation(agents: AgentSnapshot[], eligible: Eligible = hasCapacity): AgentSnapshot[] {
  return agents.filter(eligible).sort(bySaturation);
}

/**
 * The saturation order produced one agent at a time (a linear scan per agent taken), for the routing hot
 * path: almost every decision claims the first agent it tries, so sorting all of them is wasted work.
 * Each step reads the agents' current load, so reservations made meanwhile are taken into account.
 */
export function* bestBySaturation(agents: AgentSnapshot[], eligible: Eligible = hasCapacity): Generator<AgentSnapshot> {
  const remaining = agents.filter(eligible);
  for (let best = leastSaturated(remaining, eligible); best; best = leastSaturated(remaining, eligible)) {
    remaining.splice(remaining.indexOf(best), 1);
    yield best;
  }
}

/** The first agent of the saturation order among the eligible ones (a linear scan over current loads). */
export function leastSaturated(agents: AgentSnapshot[], eligible: Eligible = hasCapacity): AgentSnapshot | undefined {
  let best: AgentSnapshot | undefined;
  for (const agent of agents) if (eligible(agent) && (!best || bySaturation(agent, best) < 0)) best = agent;
  return best;
}

/** Round robin: rotation over eligible agents in a fixed (id) order, starting after the last one served. */
export function rankByRoundRobin(agents: AgentSnapshot[], lastServedId: string | null, isEligible: Eligible = hasCapacity): AgentSnapshot[] {
  const eligible = agents.filter(isEligible).sort((a, b) => a.id.localeCompare(b.id));
  if (!lastServedId) return eligible;
  const start = eligible.findIndex((a) => a.id.localeCompare(lastServedId) > 0);
  return start <= 0 ? eligible : [...eligible.slice(start), ...eligible.slice(0, start)];
}

export interface RankContext {
  /** Last position of the round-robin rotation for this target. */
  roundRobinLast: string | null;
  /** Agent who served this customer recently enough (last_served), if any. */
  lastServedAgentId: string | null;
}

/**
 * Orders the agents of one target by the method. Last-served puts the returning customer's agent first
 * when they are online with capacity, then falls back to saturation.
 */
/** `rankAgents` as an iterable taken best-first (saturation lazily, see bestBySaturation). */
export function* agentsInOrder(agents: AgentSnapshot[], method: AssignmentMethod, ctx: RankContext, eligible: Eligible = hasCapacity): Generator<AgentSnapshot> {
  if (method === 'round_robin') return yield* rankByRoundRobin(agents, ctx.roundRobinLast, eligible);
  const preferred = method === 'last_served' && ctx.lastServedAgentId ? agents.find((a) => a.id === ctx.lastServedAgentId && eligible(a)) : undefined;
  if (preferred) yield preferred;
  yield* bestBySaturation(preferred ? agents.filter((a) => a !== preferred) : agents, eligible);
}

export function rankAgents(agents: AgentSnapshot[], method: AssignmentMethod, ctx: RankContext, eligible: Eligible = hasCapacity): AgentSnapshot[] {
  if (method === 'round_robin') return rankByRoundRobin(agents, ctx.roundRobinLast, eligible);
  const bySaturation = rankBySaturation(agents, eligible);
  if (method === 'last_served' && ctx.lastServedAgentId) {
    const preferred = bySaturation.find((a) => a.id === ctx.lastServedAgentId);
    if (preferred) return [preferred, ...bySaturation.filter((a) => a !== preferred)];
  }
  return bySaturation;
}
