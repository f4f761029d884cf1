import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../../lib/auth';
import { emailServices } from '../../../../../../lib/email-services';

/** POST /api/admin/agents/:id/invite -> { ok }: emails a new invitation link (the earlier one stops working). */
export const POST = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  await emailServices().invitations.resend(user.workspaceId, user, uuidParam(params.id, 'Agent'));
  return {};
});
