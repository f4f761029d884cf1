import { route } from '../../../../server/http/route';
import { csvResponse, csvStream } from '../../../../domain/reports/csv';
import { exportRows } from '../../../../domain/reports/export';
import { ExportQuery, REPORT_AUTH, resolveFor } from '../http';

/** GET /api/reports/export.csv?view=summary|series|agents|heatmap: the CSV of exactly what the console shows. */
export const GET = route({ auth: REPORT_AUTH, query: ExportQuery }, async ({ principal, query }) => {
  const { workspaceId, q, reports } = await resolveFor(principal, query);
  const { header, rows } = await exportRows(reports, workspaceId, q, query.view);
  return csvResponse(`report-${query.view}-${q.from}-${q.to}.csv`, csvStream(header, rows));
});
