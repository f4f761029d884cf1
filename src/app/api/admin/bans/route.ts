import { CONSOLE_ROLES } from '../../../../lib/auth';
import { agentToolServices } from '../../../../lib/agent-tools';
import { route } from '../../../../server/http/route';

/** GET /api/admin/bans -> { ok, bans: BanDto[] } (newest first, active and past). Admins and supervisors. */
export const GET = route({ auth: { roles: CONSOLE_ROLES } }, async ({ user }) => ({ bans: await agentToolServices().bans.list(user.workspaceId) }));

export const dynamic = 'force-dynamic';
