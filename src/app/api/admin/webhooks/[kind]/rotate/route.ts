import { ADMIN_ONLY, withUser } from '../../../../../../lib/auth';
import { webhookService } from '../../../../../../lib/webhook-services';
import { kindParam } from '../kind';

/** POST /api/admin/webhooks/:kind/rotate -> { ok, endpoint, secret }: the new secret, shown this once. */
export const POST = withUser<{ kind: string }>(ADMIN_ONLY, async ({ user, params }) => ({ ...(await webhookService().rotateSecret(user.workspaceId, kindParam(params.kind))) }));
