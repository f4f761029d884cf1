import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations, visitors, workspaces } from './schema-core';

/**
 * Proactive greetings (issue 26 item 4): one row per greeting shown to a visitor. The unique key is the
 * frequency cap (once per visitor per rule); `conversation_id` is set when the visitor answered it, which
 * gives the per-rule counts shown -> chats started.
 */
export const greetingDisplays = pgTable(
  'greeting_displays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    /** The text as shown (the rule may change afterwards); becomes the chat's first message. */
    body: text('body').notNull(),
    shownAt: timestamp('shown_at', { withTimezone: true }).notNull().defaultNow(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('greeting_displays_once').on(t.workspaceId, t.visitorId, t.ruleId),
    index('greeting_displays_rule_idx').on(t.workspaceId, t.ruleId),
  ],
);
