import { okResponse, publicHandler } from '../../../lib/auth';
import { requestIp } from '../../../lib/client-ip';
import { env } from '../../../lib/env';
import { services } from '../../../lib/services';

/** POST /api/signup { workspaceName, name, email, password } -> 201 { ok, workspaceId, user }. Creates a workspace and its admin. */
export const POST = publicHandler(async ({ req, body }) => {
  // Counted before validation: probing the form costs as much as creating workspaces.
  await services().limits.hit('signup_ip', requestIp(req.headers, env().TRUSTED_PROXIES));
  const { workspaceId, user } = await services().accounts.signUp(await body());
  return okResponse({ workspaceId, user: { id: user.id, name: user.name, email: user.email, role: user.role } }, 201);
});
