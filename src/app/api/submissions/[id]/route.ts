import { SubmissionChange } from '../../../../domain/submissions/service';
import { ALL_ROLES } from '../../../../lib/auth';
import { AppError } from '../../../../lib/errors';
import { Params, route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/submissions/:id -> { ok, submission } with its thread (visitor follow-ups and agent replies). */
export const GET = route({ auth: { roles: ALL_ROLES }, params: Params.id }, async ({ user, params }) => {
  const submission = await services().submissions.get(user.workspaceId, params.id);
  if (!submission) throw new AppError('not_found', 'Submission not found');
  return { submission };
});

/** PATCH /api/submissions/:id { status?: 'open'|'in_progress'|'closed', assigneeId?: uuid|null } -> { ok, submission }. */
export const PATCH = route({ auth: { roles: ALL_ROLES }, params: Params.id, body: SubmissionChange }, async ({ user, params, body }) => {
  const submission = await services().submissions.update(user.workspaceId, params.id, body);
  return { submission };
});
