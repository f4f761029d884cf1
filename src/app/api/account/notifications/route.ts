import { z } from 'zod';
import { ALL_ROLES, withUser } from '../../../../lib/auth';
import { NOTIFICATION_KINDS, preferencesOf, setPreference } from '../../../../domain/email/preferences';
import { badRequestFromZod } from '../../../../lib/errors';
import { services } from '../../../../lib/services';

/** GET /api/account/notifications -> { ok, email: { assigned, message, mention, submission } } (true = emailed). */
export const GET = withUser(ALL_ROLES, async ({ user }) => ({ email: await preferencesOf(services().db, user.id) }));

const Input = z.object({ email: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean()) });

/** PUT /api/account/notifications { email: { message: false, ... } } -> { ok, email }: the signed-in user's own switches. */
export const PUT = withUser(ALL_ROLES, async ({ user, body }) => {
  const parsed = Input.safeParse(await body());
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'notification settings');
  const { db } = services();
  for (const [kind, on] of Object.entries(parsed.data.email)) await setPreference(db, user.id, kind as (typeof NOTIFICATION_KINDS)[number], on as boolean);
  return { email: await preferencesOf(db, user.id) };
});
