import { route } from '../../../../server/http/route';
import { REPORT_AUTH, ReportQuery, resolveFor } from '../http';

/** GET /api/reports/heatmap: busiest hours, conversations started by ISO weekday × hour in the zone. */
export const GET = route({ auth: REPORT_AUTH, query: ReportQuery }, async ({ principal, query }) => {
  const { workspaceId, q, reports } = await resolveFor(principal, query);
  return { ...(await reports.heatmap(workspaceId, q)) };
});
