import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../lib/auth';
import { services, syncRouting } from '../../../../../lib/services';

/** PATCH /api/admin/skill-groups/:id { name } -> { ok, group }. Admin only. */
export const PATCH = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params, body }) => {
  const group = await services().accounts.renameGroup(user.workspaceId, uuidParam(params.id, 'Skill group'), await body());
  return { group };
});

/**
 * DELETE /api/admin/skill-groups/:id -> { ok }. Members simply leave the group, in live routing too (the same
 * after-change path as an agent edit), so no chat is routed by a group that no longer exists. Admin only.
 */
export const DELETE = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  await services().accounts.deleteGroup(user.workspaceId, uuidParam(params.id, 'Skill group'));
  await syncRouting(user.workspaceId);
  return {};
});
