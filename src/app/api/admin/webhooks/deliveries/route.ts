import { z } from 'zod';
import { DELIVERY_STATUSES } from '../../../../../domain/webhooks/service';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const Query = z.object({
  eventType: z.string().max(64).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  kind: z.enum(['offline', 'events', 'push']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

/** GET /api/admin/webhooks/deliveries?eventType=&status=&kind=&page=&pageSize= -> { ok, items, total, page, pageSize }. */
export const GET = route({ auth: { roles: ADMIN_ONLY }, query: Query }, async ({ user, query }) => ({ ...(await services().webhooks.listDeliveries(user.workspaceId, query)) }));
