import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { webhookService } from '../../../../../../lib/webhook-services';
import { route } from '../../../../../../server/http/route';
import { KindParams } from '../kind';

/** POST /api/admin/webhooks/:kind/enable -> { ok, endpoint }: clears an automatic disable. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: KindParams }, async ({ user, params }) => ({ endpoint: await webhookService().reenable(user.workspaceId, params.kind) }));
