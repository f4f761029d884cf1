import { publicHandler } from '../../../../lib/auth';
import { requestIp } from '../../../../lib/client-ip';
import { emailServices, limitResetRequest } from '../../../../lib/email-services';
import { env } from '../../../../lib/env';

export const RESET_REQUESTED = 'If an account uses this address, we have sent it a link to choose a new password. It works for one hour.';

/**
 * POST /api/account/password-reset { email } -> { ok, message }. The same answer whether or not the address
 * has an account; limited per address and per network (429 + Retry-After).
 */
export const POST = publicHandler(async ({ req, body }) => {
  const input = (await body()) as { email?: unknown } | null;
  const email = typeof input?.email === 'string' ? input.email : '';
  await limitResetRequest(email, requestIp(req.headers, env().TRUSTED_PROXIES));
  await emailServices().resets.request(email);
  return { message: RESET_REQUESTED };
});
