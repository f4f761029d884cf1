import { ADMIN_ONLY, okResponse, withUser } from '../../../../lib/auth';
import { agentToolServices } from '../../../../lib/agent-tools';

/** GET /api/admin/canned-replies -> { ok, replies: CannedReplyDto[] } (shared ones). Admin only. */
export const GET = withUser(ADMIN_ONLY, async ({ user }) => ({ replies: await agentToolServices().canned.shared(user.workspaceId) }));

/** POST /api/admin/canned-replies { shortcut, body, groupId? } -> 201 { ok, reply }. Admin only. */
export const POST = withUser(ADMIN_ONLY, async ({ user, body }) => okResponse({ reply: await agentToolServices().canned.create(user.workspaceId, null, await body()) }, 201));

export const dynamic = 'force-dynamic';
