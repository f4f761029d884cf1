
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations, skillGroups, users, visitors, workspaces } from './schema-core';

// Only lazy references to schema.ts (the two modules import each other).

export const submissionStatusEnum = pgEnum('submission_status', ['open', 'in_progress', 'closed']);

/** A "leave a message" submission (F5): the form as the visitor filled it, and its handling. */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Per-workspace running number shown as the ticket reference. */
    number: integer('number').notNull(),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    channel: text('channel').$type<'desktop' | 'mobile' | 'app'>().notNull(),
    /** Why it was offered: queue_full | queue_timeout | outside_working_hours | no_agent_online. */
    trigger: text('trigger').notNull(),
    mode: text('mode').notNull(),
    /** Validated field values keyed like the form: name, email, phone, content, custom.<id>. */
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    status: submissionStatusEnum('status').notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    /** The skill group the message is for (the conversation's group, else the pre-chat choice); null = the whole team (F15 notifications). */
    groupId: uuid('group_id').references(() => skillGroups.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('submissions_ws_number_unique').on(t.workspaceId, t.number),
    // Keyset pagination of the inbox: newest first within a workspace.
    index('submissions_ws_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('submissions_visitor_idx').on(t.visitorId),
  ],
);

/** The thread of a submission: the visitor's follow-ups and the agents' replies. */
export const submissionMessages = pgTable(
  'submission_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id').notNull().references(() => submissions.id, { onDelete: 'cascade' }),
    authorType: text('author_type').notNull(),
    authorId: uuid('author_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_messages_sub_idx').on(t.submissionId, t.id)],
);

export type Submission = typeof submissions.$inferSelect;
