import { SetPasswordInput } from '../../../../domain/accounts/schemas';
import { emailServices } from '../../../../server/email';
import { route } from '../../../../server/http/route';

/** POST /api/account/invite { token, password } -> { ok, email }: accepts an invitation (the link works once). */
export const POST = route({ auth: 'public', body: SetPasswordInput }, async ({ body }) => {
  const { email } = await emailServices().invitations.accept(body);
  return { email };
});
