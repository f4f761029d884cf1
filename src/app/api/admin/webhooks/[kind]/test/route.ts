import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { route } from '../../../../../../server/http/route';
import { KindParams } from '../kind';
import { services } from '../../../../../../server/web';

/** POST /api/admin/webhooks/:kind/test -> { ok, deliveryId, url, statusCode, error, latencyMs, responseExcerpt }. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: KindParams }, async ({ user, params }) => ({ result: await services().webhooks.sendTest(user.workspaceId, params.kind) }));
