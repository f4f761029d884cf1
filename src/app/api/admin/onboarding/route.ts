import { z } from 'zod';
import { CONSOLE_ROLES } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

const Input = z.object({ dismissed: z.boolean() });

/** POST /api/admin/onboarding { dismissed } -> { ok }: hides or shows the first-run checklist for the workspace. */
export const POST = route({ auth: { roles: CONSOLE_ROLES }, body: Input }, async ({ user, body }) => {
  await services().onboarding.setDismissed(user.workspaceId, user.id, body.dismissed);
  return {};
});
