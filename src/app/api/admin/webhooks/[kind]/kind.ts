import { z } from 'zod';
import type { WebhookKind } from '../../../../../domain/webhooks/catalog';

/** `:kind` of the webhook routes (offline | events | push); anything else names nothing (404). */
export const KindParams = z.object({ kind: z.enum(['offline', 'events', 'push'] as const satisfies readonly WebhookKind[]) });
