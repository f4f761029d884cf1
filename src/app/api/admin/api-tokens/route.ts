import { z } from 'zod';
import { route, staffUser } from '../../../../server/http/route';
import { apiTokens } from '../../../../server/http/tokens';

/** GET /api/admin/api-tokens -> { ok, items }: the workspace's API tokens (never their secret). Admin only. */
export const GET = route({ auth: { roles: ['admin'] } }, async ({ principal }) => apiTokens().list(staffUser(principal).workspaceId));

/**
 * POST /api/admin/api-tokens { name, scopes, expiresAt? } -> { ok, token, item }: the token is in this answer
 * only; it is stored as a hash. Audit-logged.
 */
export const POST = route({ auth: { roles: ['admin'] }, body: z.unknown() }, async ({ principal, body }) => {
  const user = staffUser(principal);
  const { token, view } = await apiTokens().create(user.workspaceId, user.id, body);
  return { token, item: view };
});
