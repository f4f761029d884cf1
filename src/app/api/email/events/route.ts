import { z } from 'zod';
import { suppressAddress } from '../../../../domain/email/outbox';
import { assertEmailWebhookSecret } from '../../../../server/email';
import { services } from '../../../../server/web';
import { route } from '../../../../server/http/route';

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
export const POST = route(
  {
    auth: 'public',
    // The secret is checked before the body is read (rateLimit runs first in route()).
    rateLimit: async (req) => assertEmailWebhookSecret(req),
    body: z.union([EventInput, z.array(EventInput).min(1, 'No event given').max(500)]),
  },
  async ({ body }) => {
    const events = Array.isArray(body) ? body : [body];
    const { db } = services();
    let suppressed = 0;
    for (const event of events) {
      if (event.type === 'complaint' || (event.type === 'bounce' && event.hard !== false)) {
        await suppressAddress(db, event.email, event.type, event.detail);
        suppressed++;
      }
    }
    return { suppressed };
  },
);
