import { z } from 'zod';
import { ALL_ROLES } from '../../../../../lib/auth';
import { twoFactor } from '../../../../../server/two-factor';
import { route, staffUser } from '../../../../../server/http/route';

/** POST /api/account/two-factor/disable { password } -> { ok }: refused when the workspace requires two-factor. */
export const POST = route({ auth: { roles: ALL_ROLES }, body: z.object({ password: z.string().min(1, 'Enter your password').max(200) }) }, async ({ principal, body }) => {
  const user = staffUser(principal);
  await twoFactor().disable(user.workspaceId, user.id, body.password);
  return {};
});
