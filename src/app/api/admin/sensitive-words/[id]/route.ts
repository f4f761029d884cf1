import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { moderationServices } from '../../../../../lib/moderation-services';

/** PATCH /api/admin/sensitive-words/:id { word } -> { ok, word: { id, side, word, … } }. Admin only; 409 if it duplicates another entry. */
export const PATCH = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params, body }) => {
  return { word: await moderationServices().moderation.update(user.workspaceId, uuidParam(params.id, 'Word'), await body()) };
});

/** DELETE /api/admin/sensitive-words/:id -> { ok }. Admin only. */
export const DELETE = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  const removed = await moderationServices().moderation.remove(user.workspaceId, [uuidParam(params.id, 'Word')]);
  if (!removed) throw new AppError('not_found', 'Word not found');
  return {};
});
