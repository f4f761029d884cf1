import { ADMIN_ONLY, CONSOLE_ROLES, okResponse, withUser } from '../../../../lib/auth';
import { services } from '../../../../lib/services';

/** GET /api/admin/skill-groups -> { ok, groups: [{ id, name, memberCount }] }. */
export const GET = withUser(CONSOLE_ROLES, async ({ user }) => {
  return { groups: await services().accounts.listGroups(user.workspaceId) };
});

/** POST /api/admin/skill-groups { name } -> 201 { ok, group }. Admin only. */
export const POST = withUser(ADMIN_ONLY, async ({ user, body }) => {
  const group = await services().accounts.createGroup(user.workspaceId, await body());
  return okResponse({ group }, 201);
});
