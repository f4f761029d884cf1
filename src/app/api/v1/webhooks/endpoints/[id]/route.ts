import { endpointsApi } from '../../../_lib/endpoints';
import { v1 } from '../../../_lib/v1';
import { deleteEndpoint, updateEndpoint } from '../../../_lib/webhooks';

/** PATCH /api/v1/webhooks/endpoints/:id */
export const PATCH = v1(updateEndpoint, async ({ workspaceId, params, body }) => endpointsApi().update(workspaceId, params.id, body));

/** DELETE /api/v1/webhooks/endpoints/:id */
export const DELETE = v1(deleteEndpoint, async ({ workspaceId, params }) => {
  await endpointsApi().remove(workspaceId, params.id);
  return { id: params.id, deleted: true as const };
});
