import { UpdateWordInput } from '../../../../../domain/moderation/service';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** PATCH /api/admin/sensitive-words/:id { word } -> { ok, word: { id, side, word, … } }. Admin only; 409 if it duplicates another entry. */
export const PATCH = route({ auth: { roles: ADMIN_ONLY }, params: Params.id, body: UpdateWordInput }, async ({ user, params, body }) => {
  return { word: await services().moderation.update(user.workspaceId, params.id, body) };
});

/** DELETE /api/admin/sensitive-words/:id -> { ok }. Admin only. */
export const DELETE = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  const removed = await services().moderation.remove(user.workspaceId, [params.id]);
  if (!removed) throw new AppError('not_found', 'Word not found');
  return {};
});
