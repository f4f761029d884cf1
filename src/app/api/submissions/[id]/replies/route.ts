import { z } from 'zod';
import { ALL_ROLES, okResponse, uuidParam, withUser } from '../../../../../lib/auth';
import { services } from '../../../../../lib/services';

const ReplyBody = z.object({ body: z.unknown() });

/**
 * POST /api/submissions/:id/replies { body } -> 201 { ok, submission, message }. Stored in the submission's
 * thread (an open submission moves to in progress; the `submission.replied` webhook event is committed with
 * it) and pushed live to the visitor's widget (`submission.reply`), which also shows it on their return.
 */
export const POST = withUser<{ id: string }>(ALL_ROLES, async ({ user, params, body }) => {
  const id = uuidParam(params.id, 'Submission');
  const parsed = ReplyBody.safeParse(await body());
  const s = services();
  const { submission, message } = await s.submissions.reply(user.workspaceId, id, user.id, parsed.success ? parsed.data.body : undefined);
  await s.chat.submissionReplied(user.workspaceId, submission.visitorId, submission.id, message);
  return okResponse({ submission, message }, 201);
});
