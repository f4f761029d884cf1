import { listCustomers, upsertCustomer } from '../../../../domain/publicapi/customers';
import { services } from '../../../../server/web';
import { listCustomers as listOp, upsertCustomer as upsertOp } from '../_lib/customers';
import { answer, v1 } from '../_lib/v1';

/** GET /api/v1/customers */
export const GET = v1(listOp, async ({ workspaceId, query }) =>
  listCustomers(services().db, workspaceId, {
    limit: query.limit,
    cursor: query.cursor,
    partnerId: query.partner_id,
    email: query.email,
    updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
  }),
);

/** POST /api/v1/customers: upsert by partnerId (201 created, 200 updated); honours Idempotency-Key. */
export const POST = v1(upsertOp, async ({ workspaceId, body }) => {
  const { customer, created } = await upsertCustomer(services().db, workspaceId, body);
  return answer(created ? 201 : 200, customer);
});
