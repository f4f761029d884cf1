import { ALL_ROLES, withUser } from '../../../../lib/auth';
import { services } from '../../../../lib/services';

/**
 * POST /api/account/password { currentPassword, newPassword } -> { ok }. Checks the current password and
 * the sign-up strength rules; every session of the user ends (they sign in again with the new password)
 * and their sockets are cut on every node.
 */
export const POST = withUser(ALL_ROLES, async ({ user, body }) => {
  const { profiles, chat } = services();
  await profiles.changePassword(user.workspaceId, user.id, await body());
  chat.disconnectAgent(user.id);
  return {};
});
