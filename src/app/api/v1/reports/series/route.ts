import { getReportSeries } from '../../_lib/reports';
import { v1 } from '../../_lib/v1';
import { resolveForToken } from '../resolve';

/** GET /api/v1/reports/series: every bucket of the range and the total (the console's figures, for every agent). */
export const GET = v1(getReportSeries, async ({ workspaceId, query }) => {
  const { q, reports } = await resolveForToken(workspaceId, query);
  return reports.series(workspaceId, q);
});
