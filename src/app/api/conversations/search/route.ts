import { ALL_ROLES } from '../../../../lib/auth';
import { SearchFilters } from '../../../../domain/search/schemas';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/**
 * GET /api/conversations/search?q=&contact=&status=&agentId=&groupId=&tagId=&channel=&rating=&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&limit=
 * -> { ok, items: SearchResult[] (each with its conversation's tags), hasMore } — conversations visible to the caller (agents: their own and
 * their groups'; supervisors and admins: all), best text match first, else newest first.
 */
export const GET = route({ auth: { roles: ALL_ROLES }, query: SearchFilters }, async ({ user, query }) =>
  services().search.search(user.workspaceId, { id: user.id, role: user.role }, query),
);

export const dynamic = 'force-dynamic';
