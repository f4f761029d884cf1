import { z } from 'zod';
import { ALL_ROLES } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** A lenient page number: anything that is not an integer is ignored (the default applies). */
const PageNumber = z
  .string()
  .transform((v) => Number.parseInt(v, 10))
  .transform((n) => (Number.isFinite(n) ? Math.min(n, 1_000_000) : undefined))
  .optional();
const Query = z.object({
  q: z.string().transform((q) => q.slice(0, 200)).optional(),
  page: PageNumber,
  pageSize: PageNumber,
});

/** GET /api/admin/customers?q=&page=1&pageSize=25 -> { ok, items, total, page, pageSize } (F2 CRM). Any staff. */
export const GET = route({ auth: { roles: ALL_ROLES }, query: Query }, async ({ user, query }) => {
  return services().customers.list(user.workspaceId, query);
});
