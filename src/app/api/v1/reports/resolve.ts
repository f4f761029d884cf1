import type { ReportQuery, ResolvedQuery } from '../../../../domain/reports/params';
import type { ReportService } from '../../../../domain/reports/service';
import { reportService } from '../../reports/http';

/**
 * The report query of an API token, resolved as the console resolves an admin's (src/app/api/reports/http.ts):
 * a token has no user, so nothing narrows it to one agent; the zone defaults to the workspace's.
 */
export async function resolveForToken(workspaceId: string, query: ReportQuery): Promise<{ q: ResolvedQuery; reports: ReportService }> {
  const reports = reportService();
  return { q: await reports.resolve(workspaceId, query, { id: 'api-token', role: 'admin' }), reports };
}
