import { TagInput } from '../../../../domain/tags/service';
import { ADMIN_ONLY, CONSOLE_ROLES, okResponse } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/admin/tags -> { ok, tags: { id, name, color }[] }. Admins and supervisors. */
export const GET = route({ auth: { roles: CONSOLE_ROLES } }, async ({ user }) => ({ tags: await services().tools.tags.list(user.workspaceId) }));

/** POST /api/admin/tags { name, color: '#rrggbb' } -> 201 { ok, tag }. Admin only. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, body: TagInput }, async ({ user, body }) => okResponse({ tag: await services().tools.tags.create(user.workspaceId, body) }, 201));

export const dynamic = 'force-dynamic';
