import { ADMIN_ONLY, CONSOLE_ROLES, okResponse, withUser } from '../../../../lib/auth';
import { emailServices } from '../../../../lib/email-services';
import { services, syncRouting } from '../../../../lib/services';

/** GET /api/admin/agents -> { ok, agents }: every user of the signed-in workspace. */
export const GET = withUser(CONSOLE_ROLES, async ({ user }) => {
  return { agents: await services().accounts.listAgents(user.workspaceId) };
});

/**
 * POST /api/admin/agents { name, email, role?, receptionLimit?, groupIds? } -> 201 { ok, agent }. Admin only.
 * The person is invited by email and sets their own password (docs/email.md); with `password` (scripts,
 * tests) the account is ready at once and no invitation is sent.
 */
export const POST = withUser(ADMIN_ONLY, async ({ user, body }) => {
  const input = (await body()) as Record<string, unknown> | null;
  const agent =
    input && typeof input === 'object' && typeof input.password === 'string' && input.password
      ? await services().accounts.createAgent(user.workspaceId, input)
      : await emailServices().invitations.invite(user.workspaceId, user, input);
  await syncRouting(user.workspaceId, [agent.id]);
  return okResponse({ agent }, 201);
});
