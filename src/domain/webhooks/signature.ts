import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256(secret, "{timestamp}.{raw body}")>`, the X-Livechat-Signature header. */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * Verifies a signature header the way a receiver should: constant-time comparison, and the timestamp no
 * older (or newer) than `toleranceSeconds` to refuse replays.
 */
export function verifyWebhook(secret: string, timestamp: string, rawBody: string, signature: string, options: { toleranceSeconds?: number; now?: number } = {}): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A new endpoint secret: `whsec_` + 32 random bytes in standard base64, so the same secret also works when
 * the endpoint switches to the Standard Webhooks format (older secrets were base64url).
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
