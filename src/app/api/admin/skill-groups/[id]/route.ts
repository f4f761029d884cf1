import { SkillGroupInput } from '../../../../../domain/accounts/schemas';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** PATCH /api/admin/skill-groups/:id { name } -> { ok, group }. Admin only. */
export const PATCH = route({ auth: { roles: ADMIN_ONLY }, params: Params.id, body: SkillGroupInput }, async ({ user, params, body }) => {
  const group = await services().accounts.renameGroup(user.workspaceId, params.id, body);
  return { group };
});

/**
 * DELETE /api/admin/skill-groups/:id -> { ok }. Members simply leave the group, in live routing too (the same
 * after-change path as an agent edit), so no chat is routed by a group that no longer exists. Admin only.
 */
export const DELETE = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  await services().accounts.deleteGroup(user.workspaceId, params.id);
  await services().syncRouting(user.workspaceId);
  return {};
});
