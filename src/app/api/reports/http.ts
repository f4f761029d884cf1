import { z } from 'zod';
import { services } from '../../../server/web';
import { ReportQuery } from '../../../domain/reports/params';
import { ReportService, type ReportViewer } from '../../../domain/reports/service';
import { staffUser, type Principal } from '../../../server/http/route';
import type { ResolvedQuery } from '../../../domain/reports/params';

/** Shared by the /api/reports routes: who may read reports, and the query resolved for the caller. */
export const REPORT_AUTH = { roles: ['admin', 'supervisor', 'agent'] as const };
export { ReportQuery };
export const ExportQuery = z.intersection(ReportQuery, z.object({ view: z.enum(['summary', 'series', 'agents', 'heatmap'], { message: 'View is summary, series, agents or heatmap' }).default('series') }));

export function reportService(): ReportService {
  return new ReportService(services().db);
}

/** Workspace from the session; agents only ever get their own figures (agentId forced to themselves). */
export async function resolveFor(principal: Principal | null, query: ReportQuery): Promise<{ workspaceId: string; q: ResolvedQuery; reports: ReportService }> {
  const user = staffUser(principal);
  const reports = reportService();
  const viewer: ReportViewer = { id: user.id, role: user.role };
  return { workspaceId: user.workspaceId, q: await reports.resolve(user.workspaceId, query, viewer), reports };
}
