import { z } from 'zod';
import { ADMIN_ONLY } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

const Query = z.object({
  cursor: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** GET /api/admin/audit?cursor=&limit= -> { ok, items, nextCursor }: settings changes, newest first. Admin only. */
export const GET = route({ auth: { roles: ADMIN_ONLY }, query: Query }, async ({ user, query }) => {
  const page = await services().settings.listAudit(user.workspaceId, query);
  return { items: page.items, nextCursor: page.nextCursor };
});
