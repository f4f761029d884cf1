import { CONSOLE_ROLES } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/admin/bans -> { ok, bans: BanDto[] } (newest first, active and past). Admins and supervisors. */
export const GET = route({ auth: { roles: CONSOLE_ROLES } }, async ({ user }) => ({ bans: await services().tools.bans.list(user.workspaceId) }));

export const dynamic = 'force-dynamic';
