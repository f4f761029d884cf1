import { UpdateAgentInput } from '../../../../../domain/accounts/schemas';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** GET /api/admin/agents/:id -> { ok, agent } (404 outside the signed-in workspace). Admin only. */
export const GET = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  const agent = await services().accounts.getAgent(user.workspaceId, params.id);
  if (!agent) throw new AppError('not_found', 'Agent not found');
  return { agent };
});

/**
 * PATCH /api/admin/agents/:id { name?, role?, receptionLimit?, groupIds?, active?, password? } -> { ok, agent }.
 * Admin only; an admin cannot deactivate or demote themself.
 */
export const PATCH = route({ auth: { roles: ADMIN_ONLY }, params: Params.id, body: UpdateAgentInput }, async ({ user, params, body }) => {
  const { sessionsRevoked, ...agent } = await services().accounts.updateAgent(user.workspaceId, params.id, body, user.id);
  // A new limit, new groups or deactivation take effect in routing at once (a raised limit pulls from the queue).
  await services().syncRouting(user.workspaceId, [agent.id]);
  // Deactivation, a role or password change ended the account's sessions: cut its sockets in every
  // namespace on every node (a reconnect is re-authorised against the new state).
  if (sessionsRevoked) services().chat.agents.disconnectAgent(agent.id);
  return { agent };
});
