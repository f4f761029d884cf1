import { ALL_ROLES } from '../../../../lib/auth';
import { env } from '../../../../lib/env';
import { signStaffToken } from '../../../../lib/tokens';
import { route } from '../../../../server/http/route';

/**
 * GET /api/realtime/token: a short-lived staff token for the Socket.IO /agent and /monitor namespaces.
 * -> { ok, token, realtimeUrl, user: { id, name, role, workspaceId } }
 */
export const GET = route({ auth: { roles: ALL_ROLES } }, async ({ user }) => {
  const e = env();
  const token = await signStaffToken(e.AUTH_SECRET, { uid: user.id, wid: user.workspaceId, role: user.role, sv: user.sessionVersion ?? 0 });
  return {
    token,
    realtimeUrl: e.PUBLIC_REALTIME_URL,
    user: { id: user.id, name: user.name, role: user.role, workspaceId: user.workspaceId },
  };
});

export const dynamic = 'force-dynamic';
