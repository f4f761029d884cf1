import { ALL_ROLES, withUser } from '../../../../lib/auth';
import { badRequestFromZod } from '../../../../lib/errors';
import { searchService } from '../../../../lib/search';
import { SearchFilters } from '../../../../domain/search/schemas';

/**
 * GET /api/conversations/search?q=&status=&agentId=&groupId=&tagId=&channel=&rating=&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&limit=
 * -> { ok, items: SearchResult[] (each with its conversation's tags), hasMore } — conversations visible to the caller (agents: their own and
 * their groups'; supervisors and admins: all), best text match first, else newest first.
 */
export const GET = withUser(ALL_ROLES, async ({ req, user }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ''));
  const parsed = SearchFilters.safeParse(params);
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'search');
  return searchService().search(user.workspaceId, { id: user.id, role: user.role }, parsed.data);
});

export const dynamic = 'force-dynamic';
