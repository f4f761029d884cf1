import { getReportSummary } from '../../_lib/reports';
import { v1 } from '../../_lib/v1';
import { resolveForToken } from '../resolve';

/** GET /api/v1/reports/summary: totals of the range and of the previous period (the console's figures, for every agent). */
export const GET = v1(getReportSummary, async ({ workspaceId, query }) => {
  const { q, reports } = await resolveForToken(workspaceId, query);
  return reports.summary(workspaceId, q);
});
