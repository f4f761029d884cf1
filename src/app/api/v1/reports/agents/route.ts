import { getReportAgents } from '../../_lib/reports';
import { v1 } from '../../_lib/v1';
import { resolveForToken } from '../resolve';

/** GET /api/v1/reports/agents: figures per agent with concurrency and occupancy (the console's figures, for every agent). */
export const GET = v1(getReportAgents, async ({ workspaceId, query }) => {
  const { q, reports } = await resolveForToken(workspaceId, query);
  return reports.agents(workspaceId, q);
});
