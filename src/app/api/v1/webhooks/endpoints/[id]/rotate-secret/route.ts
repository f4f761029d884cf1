import { endpointsApi } from '../../../../_lib/endpoints';
import { v1 } from '../../../../_lib/v1';
import { rotateEndpointSecret } from '../../../../_lib/webhooks';

/** POST /api/v1/webhooks/endpoints/:id/rotate-secret */
export const POST = v1(rotateEndpointSecret, async ({ workspaceId, params }) => endpointsApi().rotate(workspaceId, params.id));
