import { ALL_ROLES } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/**
 * POST /api/account/sign-out-everywhere -> { ok }. Ends every session and staff token of the signed-in
 * user (session version bump) and cuts their sockets on every node; the browser then signs out locally.
 */
export const POST = route({ auth: { roles: ALL_ROLES } }, async ({ user }) => {
  const { accounts, chat } = services();
  await accounts.revokeSessions(user.workspaceId, user.id);
  chat.agents.disconnectAgent(user.id);
  return {};
});
