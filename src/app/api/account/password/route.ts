import { PasswordChangeInput } from '../../../../domain/accounts/profile';
import { ALL_ROLES } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/**
 * POST /api/account/password { currentPassword, newPassword } -> { ok }. Checks the current password and
 * the sign-up strength rules; every session of the user ends (they sign in again with the new password)
 * and their sockets are cut on every node.
 */
export const POST = route({ auth: { roles: ALL_ROLES }, body: PasswordChangeInput }, async ({ user, body }) => {
  const { profiles, chat } = services();
  await profiles.changePassword(user.workspaceId, user.id, body);
  chat.agents.disconnectAgent(user.id);
  return {};
});
