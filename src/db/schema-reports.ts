import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    // Message rows are left out (read through rollups, or by id for the tail); BRIN on `at` for range scans.
    index('report_events_ws_kind_at_idx').on(t.workspaceId, t.kind, t.at).where(sql`kind not in ('msg_in', 'msg_out')`),
    index('report_events_at_brin').using('brin', t.at),
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

/**
 * Rollups of the reporting log (docs/reports.md, "Rollups"): folded incrementally from `report_events` by
 * `foldReports()` (worker, every few seconds) up to a global id watermark; a report reads the rollups and
 * the log rows after the watermark. Cells per (workspace, level, local day in the workspace's zone, agent,
 * group, channel, kind). `level` says which dimensions the cell keeps (the others are the sentinel "any"):
 * 0 none, 1 agent, 2 group, 3 channel, 4 agent+group+channel; +5: the same with one tag kept (a row with
 * several tags counts under each); +10: the cell is a calendar month (`day` = its first day), not a day.
 * "No agent/group" is the nil uuid, "no channel" and "no tag" are ''.
 */
const rollupKey = {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  level: smallint('level').notNull(),
  day: date('day').notNull(),
  agentId: uuid('agent_id').notNull(),
  groupId: uuid('group_id').notNull(),
  channel: text('channel').notNull(),
  /** Levels 5-9 and 15-19: one tag (lower case); '' elsewhere. */
  tag: text('tag').notNull().default(''),
  kind: text('kind').notNull(),
};

export const reportRollup = pgTable(
  'report_rollup',
  {
    ...rollupKey,
    /** sum(weight); of rows with flag; of rows with detail 'reopen'. */
    n: bigint('n', { mode: 'number' }).notNull(),
    nFlag: bigint('n_flag', { mode: 'number' }).notNull(),
    nReopen: bigint('n_reopen', { mode: 'number' }).notNull(),
    /** Duration rows: how many carry a value, and the sums of calendar / working-hours seconds. */
    nv: bigint('nv', { mode: 'number' }).notNull(),
    sumV: doublePrecision('sum_v').notNull(),
    sumWh: doublePrecision('sum_wh').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.level, t.day, t.agentId, t.groupId, t.channel, t.tag, t.kind] })],
);

/** Duration histograms per rollup cell (levels 0-3), calendar (`wh` false) and working-hours seconds. */
export const reportRollupHist = pgTable(
  'report_rollup_hist',
  {
    ...rollupKey,
    wh: boolean('wh').notNull(),
    /** lc_report_bucket(value): 1-second buckets below 600 s, then 1 % wide log buckets. */
    bucket: integer('bucket').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.level, t.day, t.agentId, t.groupId, t.channel, t.tag, t.kind, t.wh, t.bucket] })],
);

/**
 * Packed histograms (docs/reports.md "Packed histograms"): per cell key of levels 0-3 and 5-8, kind and
 * `wh`, the histogram of the month so far up to and including `day` (month-to-date, cumulative), as
 * sorted buckets and their counts, for the local days before `report_pack_state` says. A range's
 * histogram is a few differences of these rows instead of one row per day and bucket.
 */
export const reportRollupPacked = pgTable(
  'report_rollup_packed',
  {
    ...rollupKey,
    wh: boolean('wh').notNull(),
    buckets: integer('buckets').array().notNull(),
    counts: bigint('counts', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.level, t.day, t.agentId, t.groupId, t.channel, t.tag, t.kind, t.wh] })],
);

/**
 * Per workspace: packed rows hold the days before `through` (rollup zone), except from `dirty_from` on
 * (a fold added rows to an earlier day since the last pack: those days are read from report_rollup_hist).
 */
export const reportPackState = pgTable('report_pack_state', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  through: date('through').notNull(),
  dirtyFrom: date('dirty_from'),
});

/** Conversations (cycles) started per UTC hour (the heatmap in any whole-hour zone), levels 0-4. */
export const reportRollupHour = pgTable(
  'report_rollup_hour',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    level: smallint('level').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    agentId: uuid('agent_id').notNull(),
    groupId: uuid('group_id').notNull(),
    channel: text('channel').notNull(),
    tag: text('tag').notNull().default(''),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.level, t.hour, t.agentId, t.groupId, t.channel, t.tag] })],
);

/** The zone each workspace's day rollups are cut in (a change of zone rebuilds them). */
export const reportRollupZone = pgTable('report_rollup_zone', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  tz: text('tz').notNull(),
});

/**
 * One row: every report_events row with id <= watermark is in the rollups; every row with id <=
 * agent_watermark is in the agent-time cells (report_agent_day, report_agent_open).
 */
export const reportRollupWatermark = pgTable('report_rollup_watermark', {
  id: smallint('id').primaryKey().default(1),
  watermark: bigint('watermark', { mode: 'number' }).notNull().default(0),
  agentWatermark: bigint('agent_watermark', { mode: 'number' }).notNull().default(0),
});

/**
 * Agent time per local day (docs/reports.md "Agent time cells"): seconds online, online with >= 1 chat,
 * and chat-seconds while online, for the days before `report_agent_time.through`.
 */
export const reportAgentDay = pgTable(
  'report_agent_day',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    agentId: uuid('agent_id').notNull(),
    onlineMs: bigint('online_ms', { mode: 'number' }).notNull(),
    busyMs: bigint('busy_ms', { mode: 'number' }).notNull(),
    chatMs: bigint('chat_ms', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.agentId] })],
);

/** Per workspace: agent-day cells exist for the local days before `through` (in its rollup zone). */
export const reportAgentTime = pgTable('report_agent_time', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  through: date('through').notNull(),
});

/** The chats held at the start of `through` (the carry-in of the sweep after the cells). */
export const reportAgentOpen = pgTable(
  'report_agent_open',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull(),
    cycle: integer('cycle').notNull(),
    agentId: uuid('agent_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.conversationId, t.cycle] })],
);
