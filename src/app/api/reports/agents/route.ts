import { route } from '../../../../server/http/route';
import { REPORT_AUTH, ReportQuery, resolveFor } from '../http';

/** GET /api/reports/agents: figures per agent with concurrency and occupancy (an agent: only their own row). */
export const GET = route({ auth: REPORT_AUTH, query: ReportQuery }, async ({ principal, query }) => {
  const { workspaceId, q, reports } = await resolveFor(principal, query);
  return { ...(await reports.agents(workspaceId, q)) };
});
