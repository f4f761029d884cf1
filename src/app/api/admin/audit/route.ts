import { z } from 'zod';
import { ADMIN_ONLY, withUser } from '../../../../lib/auth';
import { badRequestFromZod } from '../../../../lib/errors';
import { services } from '../../../../lib/services';

const Query = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** GET /api/admin/audit?cursor=&limit= -> { ok, items, nextCursor }: settings changes, newest first. Admin only. */
export const GET = withUser(ADMIN_ONLY, async ({ user, req }) => {
  const url = new URL(req.url);
  const parsed = Query.safeParse({ cursor: url.searchParams.get('cursor') || undefined, limit: url.searchParams.get('limit') || undefined });
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'query');
  const page = await services().settings.listAudit(user.workspaceId, parsed.data);
  return { items: page.items, nextCursor: page.nextCursor };
});
