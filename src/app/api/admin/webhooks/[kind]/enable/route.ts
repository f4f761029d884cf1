import { ADMIN_ONLY, withUser } from '../../../../../../lib/auth';
import { webhookService } from '../../../../../../lib/webhook-services';
import { kindParam } from '../kind';

/** POST /api/admin/webhooks/:kind/enable -> { ok, endpoint }: clears an automatic disable. */
export const POST = withUser<{ kind: string }>(ADMIN_ONLY, async ({ user, params }) => ({ endpoint: await webhookService().reenable(user.workspaceId, kindParam(params.kind)) }));
