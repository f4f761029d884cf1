import { ADMIN_ONLY, CONSOLE_ROLES, okResponse, withUser } from '../../../../lib/auth';
import { agentToolServices } from '../../../../lib/agent-tools';

/** GET /api/admin/tags -> { ok, tags: { id, name, color }[] }. Admins and supervisors. */
export const GET = withUser(CONSOLE_ROLES, async ({ user }) => ({ tags: await agentToolServices().tags.list(user.workspaceId) }));

/** POST /api/admin/tags { name, color: '#rrggbb' } -> 201 { ok, tag }. Admin only. */
export const POST = withUser(ADMIN_ONLY, async ({ user, body }) => okResponse({ tag: await agentToolServices().tags.create(user.workspaceId, await body()) }, 201));

export const dynamic = 'force-dynamic';
