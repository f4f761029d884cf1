import { deleteCustomer } from '../../../../../domain/publicapi/customers';
import { AppError } from '../../../../../lib/errors';
import { services } from '../../../../../server/web';
import { deleteCustomer as deleteOp, getCustomer } from '../../_lib/customers';
import { v1 } from '../../_lib/v1';

/** GET /api/v1/customers/:id */
export const GET = v1(getCustomer, async ({ workspaceId, params }) => {
  const customer = await services().customers.get(workspaceId, params.id);
  if (!customer) throw new AppError('not_found', 'Customer not found');
  return customer;
});

/** DELETE /api/v1/customers/:id: the customer and their data. */
export const DELETE = v1(deleteOp, async ({ workspaceId, params }) => {
  const { conversations } = await deleteCustomer(services().db, workspaceId, params.id);
  return { id: params.id, deleted: true as const, conversationsDeleted: conversations };
});
