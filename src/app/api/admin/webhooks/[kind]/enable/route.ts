import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { route } from '../../../../../../server/http/route';
import { KindParams } from '../kind';
import { services } from '../../../../../../server/web';

/** POST /api/admin/webhooks/:kind/enable -> { ok, endpoint }: clears an automatic disable. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: KindParams }, async ({ user, params }) => ({ endpoint: await services().webhooks.reenable(user.workspaceId, params.kind) }));
