import { InboxFilters } from '../../../domain/submissions/service';
import { ALL_ROLES } from '../../../lib/auth';
import { route } from '../../../server/http/route';
import { services } from '../../../server/web';

/**
 * GET /api/submissions?status=&channel=&assigneeId=<uuid>|none&from=YYYY-MM-DD&to=YYYY-MM-DD&cursor=&limit=
 * -> { ok, items: SubmissionDto[], nextCursor } — the workspace's submissions inbox, newest first, keyset
 * paginated (pass `nextCursor` back as `cursor`). Every role (agents answer submissions too).
 */
export const GET = route({ auth: { roles: ALL_ROLES }, query: InboxFilters }, async ({ user, query }) => services().submissions.list(user.workspaceId, query));
