import { CONSOLE_ROLES } from '../../../../../lib/auth';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** DELETE /api/admin/bans/:id -> { ok, ban } lifts the ban. Admins and supervisors. */
export const DELETE = route({ auth: { roles: CONSOLE_ROLES }, params: Params.id }, async ({ user, params }) => ({
  ban: await services().tools.bans.lift(user.workspaceId, params.id, user.id),
}));
