import { ADMIN_ONLY } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/admin/webhooks -> { ok, version, value, endpoints } (endpoints carry a secret hint, never the secret). */
export const GET = route({ auth: { roles: ADMIN_ONLY } }, async ({ user }) => ({ ...(await services().webhooks.overview(user.workspaceId)) }));
