import { z } from 'zod';
import { emailServices } from '../../../../../server/email';
import { route } from '../../../../../server/http/route';

/** POST /api/account/email/confirm { token } -> { ok, email }: the new address is the sign-in address from now on. */
export const POST = route({ auth: 'public', body: z.object({ token: z.string().min(10).max(200) }) }, async ({ body }) => {
  return emailServices().emailChanges.confirm(body.token);
});
