import { z } from 'zod';
import { requestIp } from '../../../../lib/client-ip';
import { emailServices, limitResetRequest } from '../../../../server/email';
import { env } from '../../../../lib/env';
import { route } from '../../../../server/http/route';

const RESET_REQUESTED = 'If an account uses this address, we have sent it a link to choose a new password. It works for one hour.';

/**
 * POST /api/account/password-reset { email } -> { ok, message }. The same answer whether or not the address
 * has an account; limited per address and per network (429 + Retry-After).
 */
export const POST = route({ auth: 'public', body: z.object({ email: z.string().max(320) }) }, async ({ req, body }) => {
  await limitResetRequest(body.email, requestIp(req.headers, env().TRUSTED_PROXIES));
  await emailServices().resets.request(body.email);
  return { message: RESET_REQUESTED };
});
