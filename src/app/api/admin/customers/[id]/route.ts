import { ALL_ROLES } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/**
 * GET /api/admin/customers/:id -> { ok, customer, conversations, ratings, ratingsVisible, timeline }. `timeline`:
 * conversations, ratings (when visible) and submissions of the person, oldest first (issue 21 item 7). `ratings` is
 * null for agents when the workspace does not let agents see satisfaction results (F8, enforced here).
 */
export const GET = route({ auth: { roles: ALL_ROLES }, params: Params.id }, async ({ user, params }) => {
  const { id } = params;
  const { customers, satisfaction } = services();
  const customer = await customers.get(user.workspaceId, id);
  if (!customer) throw new AppError('not_found', 'Customer not found');
  const ratingsVisible = await satisfaction.canSeeResults(user.workspaceId, user);
  const [conversations, ratings, timeline] = await Promise.all([
    customers.conversations(user.workspaceId, id, 50),
    ratingsVisible ? satisfaction.forCustomer(user.workspaceId, id, 50) : Promise.resolve(null),
    customers.timeline(user.workspaceId, id, { ratings: ratingsVisible }),
  ]);
  return { customer, conversations, ratings, ratingsVisible, timeline };
});
