import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../lib/auth';
import { agentToolServices } from '../../../../../lib/agent-tools';

/** PATCH /api/admin/tags/:id { name, color } -> { ok, tag }. Admin only. */
export const PATCH = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params, body }) => ({ tag: await agentToolServices().tags.update(user.workspaceId, uuidParam(params.id, 'Tag'), await body()) }));

/** DELETE /api/admin/tags/:id -> { ok } (removed from every conversation). Admin only. */
export const DELETE = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  await agentToolServices().tags.remove(user.workspaceId, uuidParam(params.id, 'Tag'));
  return {};
});
