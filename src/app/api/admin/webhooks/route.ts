import { ADMIN_ONLY } from '../../../../lib/auth';
import { webhookService } from '../../../../lib/webhook-services';
import { route } from '../../../../server/http/route';

/** GET /api/admin/webhooks -> { ok, version, value, endpoints } (endpoints carry a secret hint, never the secret). */
export const GET = route({ auth: { roles: ADMIN_ONLY } }, async ({ user }) => ({ ...(await webhookService().overview(user.workspaceId)) }));
