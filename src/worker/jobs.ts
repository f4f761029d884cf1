/** Queue names and job payloads shared by producers (realtime) and the worker. */
export const PRESENCE_QUEUE = 'presence';

export interface PresenceGraceJob {
  workspaceId: string;
  agentId: string;
}

/** One pending grace timer per agent: a reconnect removes it, a new disconnect replaces it. */
export function presenceGraceJobId(workspaceId: string, agentId: string): string {
  return `grace-${workspaceId}-${agentId}`;
}
