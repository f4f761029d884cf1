import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { webhookService } from '../../../../../../lib/webhook-services';
import { route } from '../../../../../../server/http/route';
import { KindParams } from '../kind';

/** POST /api/admin/webhooks/:kind/rotate -> { ok, endpoint, secret }: the new secret, shown this once. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: KindParams }, async ({ user, params }) => ({ ...(await webhookService().rotateSecret(user.workspaceId, params.kind)) }));
