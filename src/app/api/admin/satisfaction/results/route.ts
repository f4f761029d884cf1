import { z } from 'zod';
import { ALL_ROLES, withUser } from '../../../../../lib/auth';
import { crm } from '../../../../../lib/services';
import { parseRange } from '../../../../../domain/satisfaction/range';

/**
 * GET /api/admin/satisfaction/results?from=YYYY-MM-DD&to=YYYY-MM-DD -> { ok, results } (F8).
 * Admins and supervisors: the whole workspace. Agents: 403 unless "agents may see results" is on, and
 * then only their own ratings.
 */
export const GET = withUser(ALL_ROLES, async ({ req, user }) => {
  const { satisfaction } = crm();
  await satisfaction.requireResultsAccess(user.workspaceId, user);
  const url = new URL(req.url);
  const range = parseRange(url.searchParams.get('from'), url.searchParams.get('to'));
  const agentId = user.role === 'agent' ? user.id : z.uuid().safeParse(url.searchParams.get('agent')).data;
  return { results: await satisfaction.results(user.workspaceId, { ...range, agentId }) };
});
