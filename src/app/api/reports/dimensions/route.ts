import { route, staffUser } from '../../../../server/http/route';
import { REPORT_AUTH, reportService } from '../http';

/** GET /api/reports/dimensions: agents and skill groups for the filter bar (an agent sees only themselves). */
export const GET = route({ auth: REPORT_AUTH }, async ({ principal }) => {
  const user = staffUser(principal);
  const reports = reportService();
  const dims = await reports.dimensions(user.workspaceId);
  return {
    agents: user.role === 'agent' ? dims.agents.filter((a) => a.id === user.id) : dims.agents,
    groups: dims.groups,
    timeZone: await reports.defaultTimeZone(user.workspaceId),
    role: user.role,
    me: user.id,
  };
});
