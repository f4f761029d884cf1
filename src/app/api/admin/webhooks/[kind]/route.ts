import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../../../domain/webhooks/catalog';
import { ADMIN_ONLY, withUser } from '../../../../../lib/auth';
import { badRequestFromZod } from '../../../../../lib/errors';
import { webhookService } from '../../../../../lib/webhook-services';
import { kindParam } from './kind';

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
export const PUT = withUser<{ kind: string }>(ADMIN_ONLY, async ({ user, params, body }) => {
  const kind = kindParam(params.kind);
  const parsed = Body.safeParse(await body());
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'request');
  const { expectedVersion, ...input } = parsed.data;
  return { ...(await webhookService().saveTarget(user.workspaceId, user.id, kind, input, expectedVersion)) };
});
