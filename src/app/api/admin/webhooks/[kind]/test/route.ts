import { ADMIN_ONLY, withUser } from '../../../../../../lib/auth';
import { webhookService } from '../../../../../../lib/webhook-services';
import { kindParam } from '../kind';

/** POST /api/admin/webhooks/:kind/test -> { ok, deliveryId, url, statusCode, error, latencyMs, responseExcerpt }. */
export const POST = withUser<{ kind: string }>(ADMIN_ONLY, async ({ user, params }) => ({ result: await webhookService().sendTest(user.workspaceId, kindParam(params.kind)) }));
