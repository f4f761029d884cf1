/**
 * Pure agent-selection logic. Takes a snapshot of agent presence and returns the agents to try, best
 * first. Atomicity is not this module's concern: the caller claims the chosen agent with a Lua
 * compare-and-claim script and retries on a fresh snapshot if the claim loses a race.
 */
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

/** Saturation: lowest load/limit first; ties go to the agent who has waited longest since an assignment. */
export function rankBySaturation(agents: AgentSnapshot[]): AgentSnapshot[] {
  return agents
    .filter(hasCapacity)
    .sort((a, b) => a.load / a.limit - b.load / b.limit || a.lastAssignedAt - b.lastAssignedAt || a.id.localeCompare(b.id));
}
