import { ProfileInput } from '../../../../domain/accounts/profile';
import { ALL_ROLES } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/account/profile -> { ok, profile }: the signed-in user's own name, email, role and avatar. */
export const GET = route({ auth: { roles: ALL_ROLES } }, async ({ user }) => ({ profile: await services().profiles.get(user.workspaceId, user.id) }));

/** PATCH /api/account/profile { name, avatarColor } -> { ok, profile }. Any signed-in user, own account only. */
export const PATCH = route({ auth: { roles: ALL_ROLES }, body: ProfileInput }, async ({ user, body }) => ({ profile: await services().profiles.update(user.workspaceId, user.id, body) }));
