import { CONSOLE_ROLES, withUser } from '../../../../lib/auth';
import { agentToolServices } from '../../../../lib/agent-tools';

/** GET /api/admin/bans -> { ok, bans: BanDto[] } (newest first, active and past). Admins and supervisors. */
export const GET = withUser(CONSOLE_ROLES, async ({ user }) => ({ bans: await agentToolServices().bans.list(user.workspaceId) }));

export const dynamic = 'force-dynamic';
