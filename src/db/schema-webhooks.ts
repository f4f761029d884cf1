import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './schema-core';

/**
 * Webhooks (F10). The configuration (enabled, URL, event types) lives in the `webhook` settings section
 * (validated, audit-logged); these tables hold what must not be in settings: the per-endpoint signing secret,
 * the endpoint's health (failing since, auto-disabled and why), and the delivery log.
 */

/** One endpoint per workspace and kind: 'offline' (offline messages), 'events' (live-chat events), 'push' (chosen types). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** HMAC-SHA256 signing secret. Shown to the admin once (creation/rotation); never logged or sent otherwise. */
    secret: text('secret').notNull(),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }).notNull().defaultNow(),
    /** First failed attempt of the current unbroken run of failures; null after any success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    lastError: text('last_error'),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    /** Set when the endpoint failed continuously for the configured time; deliveries stop until re-enabled. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_endpoints_ws_kind_unique').on(t.workspaceId, t.kind)],
);

/** One row per (event, endpoint): the delivery id is stable across retries (and across relays of one event). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The outbox event; null for "send test" deliveries. */
    outboxId: bigint('outbox_id', { mode: 'number' }),
    eventType: text('event_type').notNull(),
    conversationId: uuid('conversation_id'),
    seq: integer('seq'),
    /** pending | in_flight | retrying | succeeded | failed | cancelled */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastLatencyMs: integer('last_latency_ms'),
    responseExcerpt: text('response_excerpt'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_ws_idx').on(t.workspaceId, t.createdAt),
    index('webhook_deliveries_order_idx').on(t.endpointId, t.conversationId, t.outboxId),
    index('webhook_deliveries_open_idx').on(t.updatedAt).where(sql`${t.status} in ('pending', 'in_flight', 'retrying')`),
  ],
);

/** Every attempt of a delivery (status code or error, latency, truncated response). */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    url: text('url').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    latencyMs: integer('latency_ms').notNull(),
    responseExcerpt: text('response_excerpt'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
