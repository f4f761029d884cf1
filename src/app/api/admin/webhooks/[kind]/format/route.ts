import { z } from 'zod';
import { route, staffUser } from '../../../../../../server/http/route';
import { webhookService } from '../../../../../../lib/webhook-services';
import { kindParam } from '../kind';

/**
 * PUT /api/admin/webhooks/:kind/format { format: 'standard' | 'legacy' } -> { ok, endpoint, secret }: switching
 * to Standard Webhooks issues a new secret (in this answer only); see docs/api.md "Migrating".
 */
export const PUT = route(
  { auth: { roles: ['admin'] }, params: z.object({ kind: z.string() }), body: z.object({ format: z.enum(['standard', 'legacy']) }) },
  async ({ principal, params, body }) => ({ ...(await webhookService().setFormat(staffUser(principal).workspaceId, kindParam(params.kind), body.format)) }),
);
