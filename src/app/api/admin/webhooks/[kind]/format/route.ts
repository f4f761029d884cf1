import { z } from 'zod';
import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { route } from '../../../../../../server/http/route';
import { services } from '../../../../../../server/web';
import { KindParams } from '../kind';

/**
 * PUT /api/admin/webhooks/:kind/format { format: 'standard' | 'legacy' } -> { ok, endpoint, secret }: switching
 * to Standard Webhooks issues a new secret (in this answer only); see docs/api.md "Migrating".
 */
export const PUT = route({ auth: { roles: ADMIN_ONLY }, params: KindParams, body: z.object({ format: z.enum(['standard', 'legacy']) }) }, async ({ user, params, body }) => ({
  ...(await services().webhooks.setFormat(user.workspaceId, params.kind, body.format)),
}));
