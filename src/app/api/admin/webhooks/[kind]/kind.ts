import type { WebhookKind } from '../../../../../domain/webhooks/catalog';
import { isWebhookKind } from '../../../../../domain/webhooks/service';
import { AppError } from '../../../../../lib/errors';

export function kindParam(value: string | string[] | undefined): WebhookKind {
  if (!isWebhookKind(value)) throw new AppError('not_found', 'Unknown webhook');
  return value;
}
