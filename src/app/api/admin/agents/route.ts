import { ADMIN_ONLY, CONSOLE_ROLES, okResponse, withUser } from '../../../../lib/auth';
import { services, syncRouting } from '../../../../lib/services';

/** GET /api/admin/agents -> { ok, agents }: every user of the signed-in workspace. */
export const GET = withUser(CONSOLE_ROLES, async ({ user }) => {
  return { agents: await services().accounts.listAgents(user.workspaceId) };
});

/** POST /api/admin/agents { name, email, password, role?, receptionLimit?, groupIds? } -> 201 { ok, agent }. Admin only. */
export const POST = withUser(ADMIN_ONLY, async ({ user, body }) => {
  const agent = await services().accounts.createAgent(user.workspaceId, await body());
  await syncRouting(user.workspaceId, [agent.id]);
  return okResponse({ agent }, 201);
});
