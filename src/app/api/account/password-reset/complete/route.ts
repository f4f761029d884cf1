import { SetPasswordInput } from '../../../../../domain/accounts/schemas';
import { emailServices } from '../../../../../server/email';
import { services } from '../../../../../server/web';
import { route } from '../../../../../server/http/route';

/**
 * POST /api/account/password-reset/complete { token, password } -> { ok, email }. Every session and staff
 * token of the account is refused from now on (session version bump) and its live sockets are cut.
 */
export const POST = route({ auth: 'public', body: SetPasswordInput }, async ({ body }) => {
  const { email, userId } = await emailServices().resets.complete(body);
  const { limits, chat } = services();
  // The owner of the mailbox proved who they are: a sign-in lockout from earlier failures is lifted.
  await limits.recordSignInSuccess(email);
  chat.agents.disconnectAgent(userId);
  return { email };
});
