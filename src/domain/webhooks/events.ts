export * from './catalog';
export * from './outbox';

/**
 * The webhook event catalog (F10): types and labels in `catalog.ts` (browser-safe), payload schemas and
 * every outbox writer in `outbox.ts`; the worker relays outbox rows to the matching endpoints.
 */

/** The JSON body POSTed to a receiver. */
export interface WebhookEnvelope {
  /** Stable across retries: the same as the X-Livechat-Delivery header. */
  deliveryId: string;
  /** Outbox id of the event (the same event delivered to two endpoints has one eventId). */
  eventId: string;
  type: string;
  workspaceId: string;
  conversationId: string | null;
  /** Per-conversation event sequence number (null for workspace-level events). */
  seq: number | null;
  occurredAt: string;
  data: unknown;
}
