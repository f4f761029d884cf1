import { route } from '../../../../server/http/route';
import { REPORT_AUTH, ReportQuery, resolveFor } from '../http';

/** GET /api/reports/summary: totals of the range and of the previous period (docs/reports.md). */
export const GET = route({ auth: REPORT_AUTH, query: ReportQuery }, async ({ principal, query }) => {
  const { workspaceId, q, reports } = await resolveFor(principal, query);
  return { ...(await reports.summary(workspaceId, q)) };
});
