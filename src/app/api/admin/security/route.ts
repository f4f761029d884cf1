import { z } from 'zod';
import { ADMIN_ONLY } from '../../../../lib/auth';
import { AppError } from '../../../../lib/errors';
import { twoFactor } from '../../../../server/two-factor';
import { route, staffUser } from '../../../../server/http/route';

/** GET /api/admin/security -> { ok, requireTwoFactor } */
export const GET = route({ auth: { roles: ADMIN_ONLY } }, async ({ principal }) => ({ requireTwoFactor: await twoFactor().isRequired(staffUser(principal).workspaceId) }));

/**
 * PUT /api/admin/security { requireTwoFactor } -> { ok, requireTwoFactor }. When required, every member without
 * two-factor is sent to set it up before any other page. The admin must have it on first (no lock-out by mistake).
 */
export const PUT = route({ auth: { roles: ADMIN_ONLY }, body: z.object({ requireTwoFactor: z.boolean() }) }, async ({ principal, body }) => {
  const user = staffUser(principal);
  const tf = twoFactor();
  if (body.requireTwoFactor && !(await tf.status(user.workspaceId, user.id)).enabled) {
    throw new AppError('invalid_state', 'Turn on two-factor sign-in for your own account first (Account page)');
  }
  await tf.setRequired(user.workspaceId, body.requireTwoFactor);
  return { requireTwoFactor: body.requireTwoFactor };
});
