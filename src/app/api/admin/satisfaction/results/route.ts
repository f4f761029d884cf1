import { z } from 'zod';
import { ALL_ROLES } from '../../../../../lib/auth';
import { IsoDay } from '../../../../../lib/input';
import { parseRange } from '../../../../../domain/satisfaction/range';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const Query = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  /** Supervisors and admins may narrow to one agent; anything that is not an agent id is ignored. */
  agent: z.unknown().optional().transform((v) => z.uuid().safeParse(v).data),
});

/**
 * GET /api/admin/satisfaction/results?from=YYYY-MM-DD&to=YYYY-MM-DD -> { ok, results } (F8).
 * Admins and supervisors: the whole workspace. Agents: 403 unless "agents may see results" is on, and
 * then only their own ratings.
 */
export const GET = route({ auth: { roles: ALL_ROLES }, query: Query }, async ({ user, query }) => {
  const { satisfaction } = services();
  await satisfaction.requireResultsAccess(user.workspaceId, user);
  const range = parseRange(query.from, query.to);
  const agentId = user.role === 'agent' ? user.id : query.agent;
  return { results: await satisfaction.results(user.workspaceId, { ...range, agentId }) };
});
