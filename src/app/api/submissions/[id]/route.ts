import { ALL_ROLES, uuidParam, withUser } from '../../../../lib/auth';
import { AppError } from '../../../../lib/errors';
import { services } from '../../../../lib/services';

/** GET /api/submissions/:id -> { ok, submission } with its thread (visitor follow-ups and agent replies). */
export const GET = withUser<{ id: string }>(ALL_ROLES, async ({ user, params }) => {
  const submission = await services().submissions.get(user.workspaceId, uuidParam(params.id, 'Submission'));
  if (!submission) throw new AppError('not_found', 'Submission not found');
  return { submission };
});

/** PATCH /api/submissions/:id { status?: 'open'|'in_progress'|'closed', assigneeId?: uuid|null } -> { ok, submission }. */
export const PATCH = withUser<{ id: string }>(ALL_ROLES, async ({ user, params, body }) => {
  const submission = await services().submissions.update(user.workspaceId, uuidParam(params.id, 'Submission'), await body());
  return { submission };
});
