import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './schema-core';
import { webhookEndpoints } from './schema-webhooks';

/**
 * The public API (F16, issue 24): workspace API tokens, stored idempotent responses, and how each webhook
 * endpoint signs (the Standard Webhooks format and secret rotation).
 */

/** A workspace API token: owned by the workspace (not a person), scoped, optionally expiring, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 (hex) of the whole token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to recognise it in the list ("lc_live_AbCd…"). */
    displayPrefix: text('display_prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Who created it (kept for the record; the token keeps working when that person leaves). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    lastUsedIp: text('last_used_ip'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_ws_idx').on(t.workspaceId, t.createdAt)],
);

/** The stored answer of a creating POST sent with an `Idempotency-Key` (replayed for 24 hours). */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    tokenId: uuid('token_id').notNull().references(() => apiTokens.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Method, path and SHA-256 of the body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** Null while the first request is still running. */
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index('api_idempotency_created_idx').on(t.createdAt)],
);

/**
 * How a webhook endpoint signs. No row: the original format (X-Livechat-Signature), which endpoints set up
 * before the Standard Webhooks format keep until their admin switches.
 */
export const webhookSigning = pgTable('webhook_signing', {
  endpointId: uuid('endpoint_id')
    .primaryKey()
    .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** 'standard' (Standard Webhooks 1.0) | 'legacy' (X-Livechat-Signature). */
  format: text('format').notNull().default('standard'),
  /** After a rotation, the previous secret also signs until `previousSecretExpiresAt`. */
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type WebhookSigningRow = typeof webhookSigning.$inferSelect;
