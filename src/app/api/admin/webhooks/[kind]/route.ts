import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../../../domain/webhooks/catalog';
import { ADMIN_ONLY } from '../../../../../lib/auth';
import { route } from '../../../../../server/http/route';
import { KindParams } from './kind';
import { services } from '../../../../../server/web';

const Body = z.object({
  enabled: z.boolean(),
  url: z.string().trim().max(2000),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).optional(),
  expectedVersion: z.number().int().nonnegative().optional(),
});

/**
 * PUT /api/admin/webhooks/:kind { enabled, url, eventTypes?, expectedVersion? } (kind: offline | events | push)
 * -> { ok, version, value, endpoint, secret } where `secret` is set only when the endpoint was just created.
 * The URL is checked (http(s), public addresses after DNS) before anything is saved.
 */
export const PUT = route({ auth: { roles: ADMIN_ONLY }, params: KindParams, body: Body }, async ({ user, params, body }) => {
  const { expectedVersion, ...input } = body;
  return { ...(await services().webhooks.saveTarget(user.workspaceId, user.id, params.kind, input, expectedVersion)) };
});
