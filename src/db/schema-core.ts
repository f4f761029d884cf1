import { sql } from 'drizzle-orm';
import type { PrechatRecord } from '../domain/widget/prechat-record';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['admin', 'supervisor', 'agent']);
export const channelEnum = pgEnum('channel', ['desktop', 'mobile', 'app']);
export const conversationStatusEnum = pgEnum('conversation_status', ['queued', 'active', 'unassigned', 'ended']);
export const senderTypeEnum = pgEnum('sender_type', ['visitor', 'agent', 'system']);
/** `abandoned`: the visitor left while the chat was still waiting for an agent (queue or pool), issue 21. */
export const endedByEnum = pgEnum('ended_by', ['visitor', 'agent', 'supervisor', 'system', 'abandoned']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Public key embedded in the widget snippet. */
  widgetKey: text('widget_key').notNull().unique(),
  /** Server-side secret (HMAC of partnerid, F2). Never sent to a browser. */
  secret: text('secret').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull().default('agent'),
    /** Max concurrent chats; null = the workspace default from the assignment settings. */
    receptionLimit: integer('reception_limit'),
    active: boolean('active').notNull().default(true),
    /** Bumped on sign-out-everywhere, deactivation, role or password change: older sessions and staff tokens stop working. */
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`), index('users_workspace_idx').on(t.workspaceId)],
);

export const skillGroups = pgTable(
  'skill_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('skill_groups_ws_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const userSkillGroups = pgTable(
  'user_skill_groups',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').notNull().references(() => skillGroups.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] }), index('usg_group_idx').on(t.groupId)],
);

/** One row per workspace and Chat Settings section; value is validated by the section's zod schema. */
export const settings = pgTable(
  'settings',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    section: text('section').notNull(),
    version: integer('version').notNull().default(1),
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.section] })],
);

export const settingsAudit = pgTable(
  'settings_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    section: text('section').notNull(),
    version: integer('version').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    before: jsonb('before'),
    after: jsonb('after').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('settings_audit_ws_idx').on(t.workspaceId, t.createdAt)],
);

export const visitors = pgTable(
  'visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    /** Agent-written notes about the visitor (customer profile). */
    notes: text('notes'),
    partnerId: text('partner_id'),
    /** CRM customer (F2) this visitor was last identified as; null = anonymous. */
    customerId: uuid('customer_id'),
    vip: boolean('vip').notNull().default(false),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Visitor tokens carry this; bumping it (revokeVisitorTokens, e.g. a ban) makes every issued token invalid. */
    tokenVersion: integer('token_version').notNull().default(0),
    /** Answers of the widget's pre-chat form (issue 14): custom fields, consent, chosen group; null = never filled in. */
    prechat: jsonb('prechat').$type<PrechatRecord>(),
  },
  (t) => [index('visitors_workspace_idx').on(t.workspaceId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    groupId: uuid('group_id').references(() => skillGroups.id, { onDelete: 'set null' }),
    status: conversationStatusEnum('status').notNull(),
    channel: channelEnum('channel').notNull().default('desktop'),
    /** Reception mode the conversation started under; switching modes affects new conversations only. */
    mode: text('mode').notNull().default('realtime'),
    entryUrl: text('entry_url'),
    /** Highest message sequence number so far: messages are ordered by (conversation, seq). */
    lastSeq: integer('last_seq').notNull().default(0),
    /** Per-conversation event sequence: every outbox event of the conversation takes the next value (webhook receivers order by it). */
    eventSeq: integer('event_seq').notNull().default(0),
    startedAt: createdAt(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: endedByEnum('ended_by'),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /** CRM customer (F2) of the visitor when the chat started; null = anonymous. */
    customerId: uuid('customer_id'),
    /**
     * Where a queued/unassigned chat waits ('all' | 'group:<id>' | 'agent:<id>'), since when, and whether it
     * had VIP priority: lets a Redis that lost its data rebuild queues and the pool in their original order.
     */
    queueTarget: text('queue_target'),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    vip: boolean('vip').notNull().default(false),
  },
  (t) => [
    index('conversations_ws_status_idx').on(t.workspaceId, t.status, t.startedAt),
    index('conversations_agent_idx').on(t.agentId, t.status),
    index('conversations_visitor_idx').on(t.visitorId, t.startedAt),
    index('conversations_customer_idx').on(t.customerId, t.startedAt),
    // A visitor has at most one open conversation: two tabs starting at once get the same one.
    uniqueIndex('conversations_visitor_open_unique').on(t.visitorId).where(sql`${t.status} <> 'ended'`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderType: senderTypeEnum('sender_type').notNull(),
    /** visitor id or user id; null for system messages. */
    senderId: uuid('sender_id'),
    body: text('body').notNull(),
    /** Client-generated id: a retried send after a lost ack does not create a duplicate. */
    clientMsgId: text('client_msg_id'),
    /** Sent while the other side was offline (pushed by the offline-message webhook). */
    offline: boolean('offline').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_conv_seq_unique').on(t.conversationId, t.seq),
    uniqueIndex('messages_conv_client_unique').on(t.conversationId, t.clientMsgId),
    // Newest-first reads of a workspace's messages. Search (F11) reads `message_search` (migration 0027: the
    // GIN-indexed copy filled by the worker after the commit, keyed by the unmapped column `indexed_from`).
    index('messages_ws_created_idx').on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Transactional outbox: domain events written in the same transaction as the change that caused them,
 * relayed to BullMQ by the worker (webhooks and other consumers). At-least-once by construction.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    conversationId: uuid('conversation_id'),
    /** The conversation's event_seq for this event (null for workspace-level events such as agent status). */
    seq: integer('seq'),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
  },
  (t) => [index('outbox_unrelayed_idx').on(t.id).where(sql`${t.relayedAt} is null`)],
);

export const agentStatusLog = pgTable(
  'agent_status_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('agent_status_log_user_idx').on(t.userId, t.createdAt)],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Channel = (typeof channelEnum.enumValues)[number];
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type ConversationStatus = (typeof conversationStatusEnum.enumValues)[number];
export type EndedBy = (typeof endedByEnum.enumValues)[number];
