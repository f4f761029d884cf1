import { CannedReplyInput } from '../../../../domain/canned/service';
import { ADMIN_ONLY, okResponse } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/** GET /api/admin/canned-replies -> { ok, replies: CannedReplyDto[] } (shared ones). Admin only. */
export const GET = route({ auth: { roles: ADMIN_ONLY } }, async ({ user }) => ({ replies: await services().tools.canned.shared(user.workspaceId) }));

/** POST /api/admin/canned-replies { shortcut, body, groupId? } -> 201 { ok, reply }. Admin only. */
export const POST = route({ auth: { roles: ADMIN_ONLY }, body: CannedReplyInput }, async ({ user, body }) =>
  okResponse({ reply: await services().tools.canned.create(user.workspaceId, null, body) }, 201),
);

export const dynamic = 'force-dynamic';
