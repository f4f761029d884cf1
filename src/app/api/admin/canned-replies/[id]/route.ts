import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../lib/auth';
import { agentToolServices } from '../../../../../lib/agent-tools';

/** PATCH /api/admin/canned-replies/:id { shortcut, body, groupId? } -> { ok, reply }. Admin only. */
export const PATCH = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params, body }) => ({
  reply: await agentToolServices().canned.update(user.workspaceId, null, uuidParam(params.id, 'Canned reply'), await body()),
}));

/** DELETE /api/admin/canned-replies/:id -> { ok }. Admin only. */
export const DELETE = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  await agentToolServices().canned.remove(user.workspaceId, null, uuidParam(params.id, 'Canned reply'));
  return {};
});
