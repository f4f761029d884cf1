import { CONSOLE_ROLES } from '../../../../../lib/auth';
import { agentToolServices } from '../../../../../lib/agent-tools';
import { Params, route } from '../../../../../server/http/route';

/** DELETE /api/admin/bans/:id -> { ok, ban } lifts the ban. Admins and supervisors. */
export const DELETE = route({ auth: { roles: CONSOLE_ROLES }, params: Params.id }, async ({ user, params }) => ({
  ban: await agentToolServices().bans.lift(user.workspaceId, params.id, user.id),
}));
