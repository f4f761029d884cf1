import { SkillGroupInput } from '../../../../domain/accounts/schemas';
import { ADMIN_ONLY, CONSOLE_ROLES, okResponse } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/admin/skill-groups -> { ok, groups: [{ id, name, memberCount }] }. */
export const GET = route({ auth: { roles: CONSOLE_ROLES } }, async ({ user }) => {
  return { groups: await services().accounts.listGroups(user.workspaceId) };
});

/** POST /api/admin/skill-groups { name } -> 201 { ok, group }. Admin only. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, body: SkillGroupInput }, async ({ user, body }) => {
  const group = await services().accounts.createGroup(user.workspaceId, body);
  return okResponse({ group }, 201);
});
