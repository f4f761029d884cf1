import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './schema-core';

/**
 * Reports (F14). `report_events` is the append-only reporting log: one row per thing a report counts or
 * measures, written by triggers (migration `reports_sql`) in the SAME transaction as the change it reports
 * (conversation created/queued/assigned/transferred/ended/reopened, message appended, rating given or
 * changed, rating invitation, agent status change). Each row carries the dimensions as they were at that
 * moment (agent, skill group, channel, tags) and, for durations, the calendar seconds and the seconds inside
 * the workspace's working hours (computed when written). Rows are never updated; a changed rating writes a
 * `weight = -1` row for the old one. Definitions: docs/reports.md.
 */
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Null for workspace-level rows (agent status). */
    conversationId: uuid('conversation_id'),
    /** 1 for a conversation's first cycle, +1 per reopen. */
    cycle: integer('cycle'),
    kind: text('kind').notNull(),
    /** When it happened; a duration's row is placed at the time the duration ended. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    agentId: uuid('agent_id'),
    groupId: uuid('group_id'),
    channel: text('channel'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Calendar seconds (durations only). */
    valueS: doublePrecision('value_s'),
    /** Seconds inside working hours (durations only). */
    valueWhS: doublePrecision('value_wh_s'),
    /** Kind-specific yes/no: cycle started inside working hours; rating is positive. */
    flag: boolean('flag'),
    /** +1, or -1 to take back an earlier row (a rating that was overwritten). */
    weight: smallint('weight').notNull().default(1),
    /** Kind-specific text: agent status, the agent a transfer came from, the ender. */
    detail: text('detail'),
  },
  (t) => [
    index('report_events_ws_kind_at_idx').on(t.workspaceId, t.kind, t.at),
    index('report_events_conv_idx').on(t.conversationId, t.cycle),
  ],
);

/**
 * The reporting state of each conversation's current cycle (what the triggers need to know to write the
 * next row: when the cycle started and queued, first assignment, who holds it since when, whether anyone
 * replied, since when the visitor waits for an answer). Internal to the triggers; reports never read it.
 */
export const reportState = pgTable('report_state', {
  conversationId: uuid('conversation_id').primaryKey(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  cycle: integer('cycle').notNull().default(1),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  inHours: boolean('in_hours').notNull(),
  queuedAt: timestamp('queued_at', { withTimezone: true }),
  firstAssignedAt: timestamp('first_assigned_at', { withTimezone: true }),
  holderSince: timestamp('holder_since', { withTimezone: true }),
  holderReplied: boolean('holder_replied').notNull().default(false),
  replied: boolean('replied').notNull().default(false),
  pendingSince: timestamp('pending_since', { withTimezone: true }),
});
