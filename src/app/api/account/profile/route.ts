import { ALL_ROLES, withUser } from '../../../../lib/auth';
import { services } from '../../../../lib/services';

/** GET /api/account/profile -> { ok, profile }: the signed-in user's own name, email, role and avatar. */
export const GET = withUser(ALL_ROLES, async ({ user }) => ({ profile: await services().profiles.get(user.workspaceId, user.id) }));

/** PATCH /api/account/profile { name, avatarColor } -> { ok, profile }. Any signed-in user, own account only. */
export const PATCH = withUser(ALL_ROLES, async ({ user, body }) => ({ profile: await services().profiles.update(user.workspaceId, user.id, await body()) }));
