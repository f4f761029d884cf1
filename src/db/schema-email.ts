import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations, users, workspaces } from './schema-core';

/**
 * Email (F15). Every email is a row of `email_outbox`, written in the same transaction as what caused it
 * (an invitation, a reset request...) and sent by the worker. `idempotency_key` (cause + recipient) is
 * unique: the same cause never produces a second email to the same address.
 */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Which email: 'invite', 'password_reset', ... (docs/email.md lists them). */
    kind: text('kind').notNull(),
    fromName: text('from_name').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Extra headers (Reply-To, List-Unsubscribe, threading); Message-ID is derived from the id. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: text('status').$type<EmailStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** While 'sending': a worker holds the row until then; a crashed worker's row is taken back after it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** When the relay last handed the row to the BullMQ queue (null: not yet). */
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    /** The SMTP server's last answer (or the error), shown in the delivery log. */
    lastResponse: text('last_response'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('email_outbox_key_unique').on(t.idempotencyKey),
    index('email_outbox_ws_created_idx').on(t.workspaceId, t.createdAt),
    index('email_outbox_pending_idx').on(t.createdAt).where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

/** Addresses never sent to again: hard bounces and complaints reported to POST /api/email/events. */
export const emailSuppressions = pgTable('email_suppressions', {
  /** Lower-cased. */
  address: text('address').primaryKey(),
  reason: text('reason').$type<'bounce' | 'complaint'>().notNull(),
  detail: text('detail'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Single-use links mailed to staff: an invitation (set your password), a password reset, an email change.
 * Only the SHA-256 of the token is stored.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'invite' | 'reset' | 'email_change'>().notNull(),
    tokenHash: text('token_hash').notNull(),
    /** For 'email_change': the address being confirmed. */
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_tokens_hash_unique').on(t.tokenHash), index('account_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Per user and kind of agent notification: email on or off (no row: on). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Two-factor sign-in (TOTP) of a staff account. `secret` is encrypted with a key derived from AUTH_SECRET;
 * `enabled_at` null while being set up. Recovery codes are stored as SHA-256 hashes, each usable once.
 */
export const userTwoFactor = pgTable('user_two_factor', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  /** The last accepted 30-second step: a code is never accepted twice. */
  lastStep: integer('last_step').notNull().default(0),
  recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Workspace security policy: admins may require two-factor sign-in of every member. */
export const workspaceSecurity = pgTable('workspace_security', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;

/**
 * How far the visitor has read a conversation (the widget reports the newest message it showed) and up to
 * which message the unseen agent messages were already emailed (F15): an agent message stays unseen while
 * its seq is above both.
 */
export const visitorReadMarks = pgTable('visitor_read_marks', {
  conversationId: uuid('conversation_id').primaryKey().references(() => conversations.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  seenSeq: integer('seen_seq').notNull().default(0),
  emailedSeq: integer('emailed_seq').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
