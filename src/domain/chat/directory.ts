import type { Db } from '../../db/client';
import { targetExists, transferDirectory } from '../accounts/routing-profile';
import type { RoutingEngine } from '../routing/engine';
import type { AgentStatus } from '../routing/strategies';

export interface TransferTarget {
  id: string;
  name: string;
  status: AgentStatus;
  load: number;
  limit: number;
}

/** Who and what a chat can be routed or transferred to: the workspace's staff and skill groups. */
export class StaffDirectory {
  constructor(
    private readonly db: Db,
    private readonly routing: RoutingEngine,
  ) {}

  /** An agent or group of this workspace (embeds and transfers may name nothing else). */
  exists(workspaceId: string, target: { type: 'agent' | 'group'; id: string }): Promise<boolean> {
    return targetExists(this.db, workspaceId, target);
  }

  /** Active staff with their live presence, and the groups; `exclude` leaves out the asking agent. */
  async transferTargets(workspaceId: string, exclude?: string): Promise<{ agents: TransferTarget[]; groups: { id: string; name: string }[] }> {
    const [directory, agents] = await Promise.all([transferDirectory(this.db, workspaceId), this.routing.snapshot(workspaceId)]);
    const presence = new Map(agents.map((a) => [a.id, a]));
    return {
      agents: directory.staff
        .filter((s) => s.id !== exclude)
        .map((s) => ({ ...s, status: presence.get(s.id)?.status ?? 'offline', load: presence.get(s.id)?.load ?? 0, limit: presence.get(s.id)?.limit ?? 0 })),
      groups: directory.groups,
    };
  }
}
