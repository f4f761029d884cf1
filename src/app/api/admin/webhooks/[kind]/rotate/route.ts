import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { route } from '../../../../../../server/http/route';
import { KindParams } from '../kind';
import { services } from '../../../../../../server/web';

/** POST /api/admin/webhooks/:kind/rotate -> { ok, endpoint, secret }: the new secret, shown this once. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: KindParams }, async ({ user, params }) => ({ ...(await services().webhooks.rotateSecret(user.workspaceId, params.kind)) }));
