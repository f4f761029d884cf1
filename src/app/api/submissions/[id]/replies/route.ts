import { z } from 'zod';
import { SubmissionText } from '../../../../../domain/submissions/service';
import { ALL_ROLES, okResponse } from '../../../../../lib/auth';
import { services } from '../../../../../lib/services';
import { Params, route } from '../../../../../server/http/route';

const ReplyBody = z.object({ body: SubmissionText });

/**
 * POST /api/submissions/:id/replies { body } -> 201 { ok, submission, message }. Stored in the submission's
 * thread (an open submission moves to in progress; the `submission.replied` webhook event is committed with
 * it) and pushed live to the visitor's widget (`submission.reply`), which also shows it on their return.
 */
export const POST = route({ auth: { roles: ALL_ROLES }, params: Params.id, body: ReplyBody }, async ({ user, params, body }) => {
  const s = services();
  const { submission, message } = await s.submissions.reply(user.workspaceId, params.id, user.id, body.body);
  await s.chat.submissionReplied(user.workspaceId, submission.visitorId, submission.id, message);
  return okResponse({ submission, message }, 201);
});
