import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations, messages, users, workspaces } from './schema-core';

/**
 * Sensitive words (F6) and chat monitoring (F7). Re-exported by schema.ts. Only lazy references to
 * schema.ts tables here (the two modules import each other).
 */

/** Which list a word belongs to / who wrote the message: the customer (visitor) or the agent dimension. */
export const moderationSideEnum = pgEnum('moderation_side', ['customer', 'agent']);
export const moderationActionEnum = pgEnum('moderation_action', ['mask', 'block', 'alert']);

export const sensitiveWords = pgTable(
  'sensitive_words',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    side: moderationSideEnum('side').notNull(),
    /** As entered (trimmed); shown in the console and in block reasons. */
    word: text('word').notNull(),
    /** Matching form (domain/moderation/normalize.ts): unique per list. */
    normalized: text('normalized').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sensitive_words_list_unique').on(t.workspaceId, t.side, t.normalized), index('sensitive_words_list_idx').on(t.workspaceId, t.side, t.createdAt)],
);

/** Every sensitive-word hit: one row per distinct word per message. messageId is null when the message was blocked. */
export const sensitiveWordHits = pgTable(
  'sensitive_word_hits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    side: moderationSideEnum('side').notNull(),
    /** Sender: visitor id or user id. */
    senderId: uuid('sender_id'),
    word: text('word').notNull(),
    action: moderationActionEnum('action').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sensitive_word_hits_ws_idx').on(t.workspaceId, t.createdAt), index('sensitive_word_hits_conv_idx').on(t.conversationId)],
);

/** Monitoring alerts other than word hits: long queue waits and agent reply timeouts. */
export const monitorAlerts = pgTable(
  'monitor_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    detail: jsonb('detail').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitor_alerts_ws_idx').on(t.workspaceId, t.createdAt), index('monitor_alerts_conv_idx').on(t.conversationId)],
);

/**
 * Internal notes of a conversation (staff only, never sent to the visitor). `kind` 'whisper' = a supervisor's
 * whisper from monitoring, 'note' = a note written in the agent workspace. The table keeps its historical name.
 */
export const whispers = pgTable(
  'whispers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The conversation's last message seq when whispered: places the whisper in the transcript. */
    afterSeq: integer('after_seq').notNull(),
    body: text('body').notNull(),
    kind: text('kind').$type<'note' | 'whisper'>().notNull().default('whisper'),
    /** Staff members @mentioned in the note (notified live). */
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('whispers_conv_idx').on(t.conversationId, t.createdAt)],
);

export type ModerationSide = (typeof moderationSideEnum.enumValues)[number];
export type ModerationAction = (typeof moderationActionEnum.enumValues)[number];

/** The notes table under its current meaning. */
export const conversationNotes = whispers;
