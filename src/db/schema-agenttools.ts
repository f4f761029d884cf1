import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations, skillGroups, users, visitors, workspaces } from './schema-core';

/**
 * Agent tools (issue 15): canned replies, conversation tags, visitor context (pages, device) and bans.
 * Re-exported by schema.ts. Only lazy references to schema.ts tables here (the modules import each other).
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A canned reply: shared (ownerId null, admin-managed, optionally for one skill group) or personal. */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').references(() => skillGroups.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One shortcut per owner (shared ones count as one owner).
    uniqueIndex('canned_replies_owner_shortcut_unique').on(t.workspaceId, sql`coalesce(${t.ownerId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(${t.shortcut})`),
  ],
);

/** Workspace-defined, coloured conversation tags. */
export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_ws_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const conversationTags = pgTable(
  'conversation_tags',
  {
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** null = set at start (embed) or by the system. */
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.tagId] }), index('conversation_tags_tag_idx').on(t.tagId)],
);

/** Pages a visitor viewed (reported by the widget loader with `visitor.page`). */
export const visitorPages = pgTable(
  'visitor_pages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    /** The visit the page was viewed in (the visitor's visit count at the time). */
    sessionId: text('session_id').notNull(),
    url: text('url').notNull(),
    title: text('title'),
    referrer: text('referrer'),
    createdAt: createdAt(),
  },
  (t) => [index('visitor_pages_visitor_idx').on(t.visitorId, t.createdAt)],
);

/** The visitor's device as last seen at the handshake, and how often they came back. */
export const visitorDevices = pgTable('visitor_devices', {
  visitorId: uuid('visitor_id').primaryKey().references(() => visitors.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userAgent: text('user_agent'),
  language: text('language'),
  /** The widget language the site chose (embed `data-lang`, `setLanguage`); null = none, the browser's applies. Visitor emails use it first. */
  widgetLanguage: text('widget_language'),
  timeZone: text('time_zone'),
  ip: text('ip'),
  /** Socket sessions more than 30 minutes apart. */
  visits: integer('visits').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A visitor ban: by visitor id and/or IP, until `expiresAt` (null = permanent) unless lifted. */
export const visitorBans = pgTable(
  'visitor_bans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').references(() => visitors.id, { onDelete: 'set null' }),
    ip: text('ip'),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('visitor_bans_ws_idx').on(t.workspaceId, t.createdAt)],
);
