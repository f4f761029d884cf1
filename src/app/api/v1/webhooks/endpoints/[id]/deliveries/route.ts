import { endpointsApi } from '../../../../_lib/endpoints';
import { v1 } from '../../../../_lib/v1';
import { listDeliveries } from '../../../../_lib/webhooks';

/** GET /api/v1/webhooks/endpoints/:id/deliveries */
export const GET = v1(listDeliveries, async ({ workspaceId, params, query }) => endpointsApi().deliveries(workspaceId, params.id, query));
