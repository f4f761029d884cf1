import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations, skillGroups, users, visitors, workspaces } from './schema-core';

/**
 * CRM (F2: customer info auto-save), satisfaction ratings (F8) and end-of-chat timer bookkeeping (F9).
 * Re-exported by schema.ts. Only lazy references to schema.ts tables here (the modules import each other).
 */

/**
 * A known customer of a workspace, keyed by the partner's own id (`partnerid` in the embed code), or, for a
 * contact who gave only name and email (pre-chat form, `identify` without partnerid), by email: partner_id
 * null and one row per (workspace, lower(email)).
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id'),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    /** Custom params passed alongside (string -> string, capped). Later visits merge into it. */
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    /** Whether the latest visit carried a valid partnerid_hash. */
    verified: boolean('verified').notNull().default(false),
    visits: integer('visits').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_ws_partner_unique').on(t.workspaceId, t.partnerId),
    uniqueIndex('customers_ws_contact_email_unique').on(t.workspaceId, sql`lower(${t.email})`).where(sql`${t.partnerId} is null`),
    index('customers_ws_seen_idx').on(t.workspaceId, t.lastSeenAt),
  ],
);

/** One satisfaction rating per conversation (a later rating overwrites it only if the settings allow). */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** The agent who served (conversation.agentId when the rating was given). */
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    groupId: uuid('group_id').references(() => skillGroups.id, { onDelete: 'set null' }),
    scale: smallint('scale').notNull(),
    score: smallint('score').notNull(),
    label: text('label').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    comment: text('comment'),
    solved: boolean('solved'),
    /** Whether an invitation preceded the rating (false = the visitor rated unprompted). */
    invited: boolean('invited').notNull().default(false),
    /** How many times the rating was given (> 1 = overwritten). */
    revisions: integer('revisions').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ratings_conversation_unique').on(t.conversationId),
    index('ratings_ws_created_idx').on(t.workspaceId, t.createdAt),
    index('ratings_ws_agent_idx').on(t.workspaceId, t.agentId),
    index('ratings_customer_idx').on(t.customerId),
  ],
);

/**
 * Per-conversation state of satisfaction invitations and end-of-chat timers. `*_mark` columns hold the
 * seq of the participant message a prompt was sent for, so a duplicate or stale timer job never sends
 * the same prompt twice (an atomic conditional upsert decides).
 */
export const conversationState = pgTable('conversation_state', {
  conversationId: uuid('conversation_id').primaryKey().references(() => conversations.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  ratingInvites: integer('rating_invites').notNull().default(0),
  inactivityWarnedMark: integer('inactivity_warned_mark'),
  replyPromptedMark: integer('reply_prompted_mark'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Customer = typeof customers.$inferSelect;
export type Rating = typeof ratings.$inferSelect;
