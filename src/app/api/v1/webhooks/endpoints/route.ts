import { endpointsApi } from '../../_lib/endpoints';
import { v1 } from '../../_lib/v1';
import { createEndpoint, listEndpoints } from '../../_lib/webhooks';

/** GET /api/v1/webhooks/endpoints */
export const GET = v1(listEndpoints, async ({ workspaceId }) => ({ data: await endpointsApi().list(workspaceId), next_cursor: null, has_more: false }));

/** POST /api/v1/webhooks/endpoints: Standard Webhooks format, secret in this answer only. */
export const POST = v1(createEndpoint, async ({ workspaceId, body }) => endpointsApi().create(workspaceId, body));
