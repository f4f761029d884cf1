import { ADMIN_ONLY, withUser } from '../../../../lib/auth';
import { webhookService } from '../../../../lib/webhook-services';

/** GET /api/admin/webhooks -> { ok, version, value, endpoints } (endpoints carry a secret hint, never the secret). */
export const GET = withUser(ADMIN_ONLY, async ({ user }) => ({ ...(await webhookService().overview(user.workspaceId)) }));
