import { WebhookService } from '../domain/webhooks/service';
import { env } from './env';
import { services } from './services';

/** The webhook console service of the web process (endpoints, secrets, send test, delivery log). */
export function webhookService(): WebhookService {
  const holder = globalThis as unknown as { __livechatWebhooks?: WebhookService };
  if (!holder.__livechatWebhooks) {
    const { db, settings } = services();
    holder.__livechatWebhooks = new WebhookService(db, settings, { allowPrivateTargets: env().WEBHOOK_ALLOW_PRIVATE_TARGETS });
  }
  return holder.__livechatWebhooks;
}

/** For the generic settings route: every URL in a `webhook` section value must be a safe target. */
export async function assertWebhookSettingsTargets(value: unknown): Promise<void> {
  const { assertSafeTarget } = await import('../domain/webhooks/address');
  const v = (value ?? {}) as Record<string, { url?: unknown } | undefined>;
  for (const key of ['offlineMessages', 'events', 'push']) {
    const url = v[key]?.url;
    if (typeof url === 'string' && url.trim()) await assertSafeTarget(url.trim(), env().WEBHOOK_ALLOW_PRIVATE_TARGETS);
  }
}
