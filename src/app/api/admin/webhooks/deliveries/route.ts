import { z } from 'zod';
import { DELIVERY_STATUSES } from '../../../../../domain/webhooks/service';
import { ADMIN_ONLY, withUser } from '../../../../../lib/auth';
import { badRequestFromZod } from '../../../../../lib/errors';
import { webhookService } from '../../../../../lib/webhook-services';

const Query = z.object({
  eventType: z.string().max(64).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  kind: z.enum(['offline', 'events', 'push']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

/** GET /api/admin/webhooks/deliveries?eventType=&status=&kind=&page=&pageSize= -> { ok, items, total, page, pageSize }. */
export const GET = withUser(ADMIN_ONLY, async ({ req, user }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams.entries()].filter(([, v]) => v !== ''));
  const parsed = Query.safeParse(params);
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'query');
  return { ...(await webhookService().listDeliveries(user.workspaceId, parsed.data)) };
});
