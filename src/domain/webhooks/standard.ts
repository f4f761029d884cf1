import { createHmac, randomBytes } from 'node:crypto';

/**
 * The Standard Webhooks 1.0 format (standardwebhooks.com, F16): headers `webhook-id` (stable across retries),
 * `webhook-timestamp` (Unix seconds) and `webhook-signature` = space-separated `v1,<base64 HMAC-SHA256>` of
 * "{id}.{timestamp}.{body}", keyed with the base64-decoded part of the `whsec_` secret; payload
 * `{ type, timestamp, data }`. Receivers verify with the `standardwebhooks` libraries unchanged.
 */
export type WebhookFormat = 'standard' | 'legacy';
export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['standard', 'legacy'];

/** `whsec_` + standard base64 of 32 random bytes (what the Standard Webhooks libraries decode). */
export function newStandardSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The HMAC key of a `whsec_` secret. */
export function standardKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<sig>` for each secret (the new one first, then a rotated-out one still in its grace period). */
export function signStandard(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => `v1,${createHmac('sha256', standardKey(s)).update(`${id}.${timestamp}.${body}`).digest('base64')}`).join(' ');
}

export function standardHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandard(secrets, id, timestamp, body) };
}

/** The Standard Webhooks payload of one event: `data` carries the event's fields and where it belongs. */
export function standardPayload(event: { type: string; occurredAt: string; data: unknown; conversationId: string | null; seq: number | null; eventId: string; workspaceId: string }): {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
} {
  const fields = event.data && typeof event.data === 'object' && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : { value: event.data };
  return {
    type: event.type,
    timestamp: event.occurredAt,
    data: { ...fields, eventId: event.eventId, workspaceId: event.workspaceId, conversationId: event.conversationId, seq: event.seq },
  };
}
