import { z } from 'zod';
import { SubmissionText } from '../../../../../domain/submissions/service';
import { ALL_ROLES, okResponse } from '../../../../../lib/auth';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const ReplyBody = z.object({ body: SubmissionText });

/**
 * POST /api/submissions/:id/replies { body } -> 201 { ok, submission, message }. Stored in the submission's
 * thread (an open submission moves to in progress; the `submission.replied` webhook event is committed with
 * it) and pushed live to the visitor's widget (`submission.reply`), which also shows it on their return.
 */
export const POST = route({ auth: { roles: ALL_ROLES }, params: Params.id, body: ReplyBody }, async ({ user, params, body }) => {
  const { submission, message } = await services().submissions.reply(user.workspaceId, params.id, user.id, body.body);
  return okResponse({ submission, message }, 201);
});
