import { ALL_ROLES, withUser } from '../../../lib/auth';
import { services } from '../../../lib/services';

/**
 * GET /api/submissions?status=&channel=&assigneeId=<uuid>|none&from=YYYY-MM-DD&to=YYYY-MM-DD&cursor=&limit=
 * -> { ok, items: SubmissionDto[], nextCursor } — the workspace's submissions inbox, newest first, keyset
 * paginated (pass `nextCursor` back as `cursor`). Every role (agents answer submissions too).
 */
export const GET = withUser(ALL_ROLES, async ({ req, user }) => {
  const params = new URL(req.url).searchParams;
  const input: Record<string, string> = {};
  for (const key of ['status', 'channel', 'assigneeId', 'from', 'to', 'cursor', 'limit']) {
    const value = params.get(key);
    if (value) input[key] = value;
  }
  return services().submissions.list(user.workspaceId, input);
});
