import { CannedReplyInput } from '../../../../../domain/canned/service';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** PATCH /api/admin/canned-replies/:id { shortcut, body, groupId? } -> { ok, reply }. Admin only. */
export const PATCH = route({ auth: { roles: ADMIN_ONLY }, params: Params.id, body: CannedReplyInput }, async ({ user, params, body }) => ({
  reply: await services().tools.canned.update(user.workspaceId, null, params.id, body),
}));

/** DELETE /api/admin/canned-replies/:id -> { ok }. Admin only. */
export const DELETE = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  await services().tools.canned.remove(user.workspaceId, null, params.id);
  return {};
});
