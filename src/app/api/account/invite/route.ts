import { publicHandler } from '../../../../lib/auth';
import { emailServices } from '../../../../lib/email-services';

/** POST /api/account/invite { token, password } -> { ok, email }: accepts an invitation (the link works once). */
export const POST = publicHandler(async ({ body }) => {
  const { email } = await emailServices().invitations.accept(await body());
  return { email };
});
