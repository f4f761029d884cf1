import { z } from 'zod';
import { publicHandler } from '../../../../lib/auth';
import { suppressAddress } from '../../../../domain/email/outbox';
import { assertEmailWebhookSecret } from '../../../../lib/email-services';
import { AppError, badRequestFromZod } from '../../../../lib/errors';
import { services } from '../../../../lib/services';

const EventInput = z.object({
  type: z.enum(['bounce', 'complaint', 'delivered', 'deferred'], { message: 'type must be bounce, complaint, delivered or deferred' }),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address' })),
  /** For bounces: only a hard (permanent) bounce suppresses the address. */
  hard: z.boolean().optional(),
  detail: z.string().max(1000).optional(),
});

/**
 * POST /api/email/events (Authorization: Bearer EMAIL_WEBHOOK_SECRET) { type, email, hard?, detail? } or an
 * array of them -> { ok, suppressed }. A hard bounce or a complaint puts the address on the suppression list:
 * no email is sent to it again (the delivery log shows them as suppressed).
 */
export const POST = publicHandler(async ({ req, body }) => {
  assertEmailWebhookSecret(req);
  const raw = await body();
  const parsed = z.array(EventInput).max(500).safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'email event');
  const { db } = services();
  let suppressed = 0;
  for (const event of parsed.data) {
    if (event.type === 'complaint' || (event.type === 'bounce' && event.hard !== false)) {
      await suppressAddress(db, event.email, event.type, event.detail);
      suppressed++;
    }
  }
  if (!parsed.data.length) throw new AppError('bad_request', 'No event given');
  return { suppressed };
});
