import { z } from 'zod';
import { ALL_ROLES } from '../../../../lib/auth';
import { NOTIFICATION_KINDS, preferencesOf, setPreference } from '../../../../domain/email/preferences';
import { services } from '../../../../server/web';
import { route, staffUser } from '../../../../server/http/route';

/** GET /api/account/notifications -> { ok, email: { assigned, message, mention, submission } } (true = emailed). */
export const GET = route({ auth: { roles: ALL_ROLES } }, async ({ principal }) => ({ email: await preferencesOf(services().db, staffUser(principal).id) }));

/** PUT /api/account/notifications { email: { message: false, ... } } -> { ok, email }: the signed-in user's own switches. */
export const PUT = route({ auth: { roles: ALL_ROLES }, body: z.object({ email: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean()) }) }, async ({ principal, body }) => {
  const user = staffUser(principal);
  const { db } = services();
  for (const [kind, on] of Object.entries(body.email)) await setPreference(db, user.id, kind as (typeof NOTIFICATION_KINDS)[number], on as boolean);
  return { email: await preferencesOf(db, user.id) };
});
