import { SignUpInput } from '../../../domain/accounts/schemas';
import { okResponse } from '../../../lib/auth';
import { requestIp } from '../../../lib/client-ip';
import { env } from '../../../lib/env';
import { route } from '../../../server/http/route';
import { services } from '../../../server/web';

/** POST /api/signup { workspaceName, name, email, password } -> 201 { ok, workspaceId, user }. Creates a workspace and its admin. */
export const POST = route(
  {
    auth: 'public',
    // Counted before validation: probing the form costs as much as creating workspaces.
    rateLimit: (req) => services().limits.hit('signup_ip', requestIp(req.headers, env().TRUSTED_PROXIES)),
    body: SignUpInput,
  },
  async ({ body }) => {
    const { workspaceId, user } = await services().accounts.signUp(body);
    return okResponse({ workspaceId, user: { id: user.id, name: user.name, email: user.email, role: user.role } }, 201);
  },
);
