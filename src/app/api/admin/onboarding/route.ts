import { z } from 'zod';
import { CONSOLE_ROLES, withUser } from '../../../../lib/auth';
import { badRequestFromZod } from '../../../../lib/errors';
import { services } from '../../../../lib/services';

const Input = z.object({ dismissed: z.boolean() });

/** POST /api/admin/onboarding { dismissed } -> { ok }: hides or shows the first-run checklist for the workspace. */
export const POST = withUser(CONSOLE_ROLES, async ({ user, body }) => {
  const parsed = Input.safeParse(await body());
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'request');
  await services().onboarding.setDismissed(user.workspaceId, user.id, parsed.data.dismissed);
  return {};
});
