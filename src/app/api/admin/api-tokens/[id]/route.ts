import { Params, route, staffUser } from '../../../../../server/http/route';
import { apiTokens } from '../../../../../server/http/tokens';

/** DELETE /api/admin/api-tokens/:id -> { ok, item }: revoked at once on every node (within 1 s). Audit-logged. */
export const DELETE = route({ auth: { roles: ['admin'] }, params: Params.id }, async ({ principal, params }) => {
  const user = staffUser(principal);
  return { item: await apiTokens().revoke(user.workspaceId, user.id, params.id) };
});
