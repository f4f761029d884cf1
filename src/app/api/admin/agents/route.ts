import { CreateAgentInput } from '../../../../domain/accounts/schemas';
import { ADMIN_ONLY, CONSOLE_ROLES, okResponse } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { emailServices } from '../../../../server/email';
import { services } from '../../../../server/web';

/** GET /api/admin/agents -> { ok, agents }: every user of the signed-in workspace. */
export const GET = route({ auth: { roles: CONSOLE_ROLES } }, async ({ user }) => {
  return { agents: await services().accounts.listAgents(user.workspaceId) };
});

/**
 * POST /api/admin/agents { name, email, role?, receptionLimit?, groupIds? } -> 201 { ok, agent }. Admin only.
 * The person is invited by email and sets their own password (docs/email.md); with `password` (scripts,
 * tests) the account is ready at once and no invitation is sent.
 */
export const POST = route({ auth: { roles: ADMIN_ONLY }, body: CreateAgentInput }, async ({ user, body }) => {
  const agent = body.password ? await services().accounts.createAgent(user.workspaceId, body) : await emailServices().invitations.invite(user.workspaceId, user, body);
  await services().syncRouting(user.workspaceId, [agent.id]);
  return okResponse({ agent }, 201);
});
