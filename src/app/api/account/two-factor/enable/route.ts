import { z } from 'zod';
import { ALL_ROLES } from '../../../../../lib/auth';
import { twoFactor } from '../../../../../server/two-factor';
import { route, staffUser } from '../../../../../server/http/route';

/** POST /api/account/two-factor/enable { code } -> { ok, recoveryCodes }: on from now; the codes are shown once. */
export const POST = route({ auth: { roles: ALL_ROLES }, body: z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your app') }) }, async ({ principal, body }) => {
  const user = staffUser(principal);
  return twoFactor().enable(user.id, body.code, user.email);
});
