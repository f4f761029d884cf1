import { text, timestamp, pgTable, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './schema-core';

/**
 * The console's own state (issue 21): the first-run checklist of a workspace, and each staff member's
 * profile look (avatar colour). Re-exported by schema.ts.
 */

/** First-run checklist: when the widget was first seen on the customer's site, and whether it was dismissed. */
export const workspaceOnboarding = pgTable('workspace_onboarding', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** The first page on the customer's site that reported a widget page view (`visitor.page`). */
  widgetFirstUrl: text('widget_first_url'),
  widgetFirstSeenAt: timestamp('widget_first_seen_at', { withTimezone: true }),
  dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  dismissedBy: uuid('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
});

/** How a staff member appears: initials on a colour of their choice (null = derived from their name). */
export const userProfiles = pgTable('user_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  avatarColor: text('avatar_color'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
