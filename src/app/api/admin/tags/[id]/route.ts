import { TagInput } from '../../../../../domain/tags/service';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** PATCH /api/admin/tags/:id { name, color } -> { ok, tag }. Admin only. */
export const PATCH = route({ auth: { roles: ADMIN_ONLY }, params: Params.id, body: TagInput }, async ({ user, params, body }) => ({
  tag: await services().tools.tags.update(user.workspaceId, params.id, body),
}));

/** DELETE /api/admin/tags/:id -> { ok } (removed from every conversation). Admin only. */
export const DELETE = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  await services().tools.tags.remove(user.workspaceId, params.id);
  return {};
});
