import { okResponse, publicHandler } from '../../../lib/auth';
import { services } from '../../../lib/services';

/** POST /api/signup { workspaceName, name, email, password } -> 201 { ok, workspaceId, user }. Creates a workspace and its admin. */
export const POST = publicHandler(async ({ body }) => {
  const { workspaceId, user } = await services().accounts.signUp(await body());
  return okResponse({ workspaceId, user: { id: user.id, name: user.name, email: user.email, role: user.role } }, 201);
});
