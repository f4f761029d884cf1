import { ALL_ROLES } from '../../../../lib/auth';
import { twoFactor } from '../../../../server/two-factor';
import { route, staffUser } from '../../../../server/http/route';

/** GET /api/account/two-factor -> { ok, enabled, required, recoveryCodesLeft } */
export const GET = route({ auth: { roles: ALL_ROLES } }, async ({ principal }) => {
  const user = staffUser(principal);
  return twoFactor().status(user.workspaceId, user.id);
});
