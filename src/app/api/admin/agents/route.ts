import { CreateAgentInput } from '../../../../domain/accounts/schemas';
import { ADMIN_ONLY, CONSOLE_ROLES, okResponse } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/admin/agents -> { ok, agents }: every user of the signed-in workspace. */
export const GET = route({ auth: { roles: CONSOLE_ROLES } }, async ({ user }) => {
  return { agents: await services().accounts.listAgents(user.workspaceId) };
});

/** POST /api/admin/agents { name, email, password, role?, receptionLimit?, groupIds? } -> 201 { ok, agent }. Admin only. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, body: CreateAgentInput }, async ({ user, body }) => {
  const agent = await services().accounts.createAgent(user.workspaceId, body);
  await services().syncRouting(user.workspaceId, [agent.id]);
  return okResponse({ agent }, 201);
});
