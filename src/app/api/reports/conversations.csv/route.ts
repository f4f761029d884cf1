import { route } from '../../../../server/http/route';
import { csvResponse, csvStream } from '../../../../domain/reports/csv';
import { RAW_HEADER, rawCells, rawCycles } from '../../../../domain/reports/raw';
import { services } from '../../../../server/web';
import { REPORT_AUTH, ReportQuery, resolveFor } from '../http';

/** GET /api/reports/conversations.csv: the raw export, one row per conversation cycle, streamed page by page. */
export const GET = route({ auth: REPORT_AUTH, query: ReportQuery }, async ({ principal, query }) => {
  const { workspaceId, q } = await resolveFor(principal, query);
  const db = services().db;
  async function* rows() {
    for await (const page of rawCycles(db, workspaceId, q)) for (const r of page) yield rawCells(r, q.tz);
  }
  return csvResponse(`conversations-${q.from}-${q.to}.csv`, csvStream(RAW_HEADER, rows()));
});
