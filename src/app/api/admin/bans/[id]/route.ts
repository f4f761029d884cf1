import { CONSOLE_ROLES, uuidParam, withUser } from '../../../../../lib/auth';
import { agentToolServices } from '../../../../../lib/agent-tools';

/** DELETE /api/admin/bans/:id -> { ok, ban } lifts the ban. Admins and supervisors. */
export const DELETE = withUser<{ id: string }>(CONSOLE_ROLES, async ({ user, params }) => ({ ban: await agentToolServices().bans.lift(user.workspaceId, uuidParam(params.id, 'Ban'), user.id) }));
