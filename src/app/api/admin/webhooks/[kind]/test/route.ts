import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { webhookService } from '../../../../../../lib/webhook-services';
import { route } from '../../../../../../server/http/route';
import { KindParams } from '../kind';

/** POST /api/admin/webhooks/:kind/test -> { ok, deliveryId, url, statusCode, error, latencyMs, responseExcerpt }. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: KindParams }, async ({ user, params }) => ({ result: await webhookService().sendTest(user.workspaceId, params.kind) }));
