import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { emailServices } from '../../../../../../server/email';
import { Params, route, staffUser } from '../../../../../../server/http/route';

/** POST /api/admin/agents/:id/invite -> { ok }: emails a new invitation link (the earlier one stops working). */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ principal, params }) => {
  const user = staffUser(principal);
  await emailServices().invitations.resend(user.workspaceId, user, params.id);
  return {};
});
