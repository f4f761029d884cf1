import { route } from '../../../../server/http/route';
import { REPORT_AUTH, ReportQuery, resolveFor } from '../http';

/** GET /api/reports/series: every bucket of the range (hour/day/week/month in the zone) and the total. */
export const GET = route({ auth: REPORT_AUTH, query: ReportQuery }, async ({ principal, query }) => {
  const { workspaceId, q, reports } = await resolveFor(principal, query);
  return { ...(await reports.series(workspaceId, q)) };
});
