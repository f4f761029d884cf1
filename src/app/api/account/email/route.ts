import { EmailChangeInput } from '../../../../domain/accounts/email-change';
import { ALL_ROLES } from '../../../../lib/auth';
import { emailServices } from '../../../../server/email';
import { route, staffUser } from '../../../../server/http/route';

/** POST /api/account/email { newEmail, password } -> { ok, newEmail }: mails a confirmation link to the new address. */
export const POST = route({ auth: { roles: ALL_ROLES }, body: EmailChangeInput }, async ({ principal, body }) => {
  return emailServices().emailChanges.request(staffUser(principal), body);
});
