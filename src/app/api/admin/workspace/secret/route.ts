import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { workspaces } from '../../../../../db/schema';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/**
 * The workspace secret (HMAC key of `partnerid_hash`, F2). Admins only; never sent to visitors or agents.
 * GET -> { ok, secret }; POST (rotate) -> { ok, secret } — hashes made with the old secret stop verifying at once.
 */
export const GET = route({ auth: { roles: ADMIN_ONLY } }, async ({ user }) => {
  const [row] = await services().db.select({ secret: workspaces.secret }).from(workspaces).where(eq(workspaces.id, user.workspaceId));
  return { secret: row?.secret ?? null };
});

export const POST = route({ auth: { roles: ADMIN_ONLY } }, async ({ user }) => {
  const secret = randomBytes(32).toString('hex');
  await services().db.update(workspaces).set({ secret }).where(eq(workspaces.id, user.workspaceId));
  return { secret };
});
