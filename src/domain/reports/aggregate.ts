import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { analytic } from './analytic';
import type { ResolvedQuery } from './params';

/**
 * THE query path of every report figure (summary cards, series, agent table, CSV): one SQL statement over
 * the reporting log, grouped by GROUPING SETS so a breakdown (per bucket or per agent) and its total come
 * out of the same rows and always agree. Durations: count, average, median and 90th percentile
 * (PostgreSQL percentile_cont: linear interpolation between the two nearest values), over calendar seconds
 * or, with the working-hours toggle, the seconds inside working hours recorded with each row.
 */

/** Metric keys produced from log rows (docs/reports.md defines each). */
export const COUNT_METRICS = [
  'conversations',
  'reopens',
  'messagesIn',
  'messagesOut',
  'chats',
  'transfers',
  'queued',
  'waited',
  'abandoned',
  'missed',
  'ratings',
  'positiveRatings',
  'invitations',
] as const;
export const DURATION_METRICS = ['queueWait', 'firstResponse', 'agentFirstResponse', 'replyTime', 'resolution', 'handle'] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];
export type DurationMetric = (typeof DURATION_METRICS)[number];

export interface DurationStats {
  count: number;
  /** Seconds; null when count is 0. */
  avg: number | null;
  median: number | null;
  p90: number | null;
}

export interface Figures {
  counts: Record<CountMetric, number>;
  durations: Record<DurationMetric, DurationStats>;
}

/**
 * Log row kind -> metrics. A kind's rows are summed (count metrics) and, for kinds carrying a duration,
 * summarised over their values. Some kinds feed two figures: msg_out counts a message and, when it
 * answered a visitor (value not null), is a reply time; cycle_started counts a conversation and, for a
 * reopen, a reopen; assigned counts a chat and, when the cycle waited (value not null), is a queue wait;
 * transfer counts a transfer and a chat; rating counts a rating and, if positive (flag), a positive one.
 */
const COUNT_OF_KIND: Record<string, CountMetric[]> = {
  msg_in: ['messagesIn'],
  msg_out: ['messagesOut'],
  assigned: ['chats'],
  transfer: ['transfers', 'chats'],
  queued: ['queued'],
  waited: ['waited'],
  abandoned: ['abandoned'],
  missed: ['missed'],
  rating: ['ratings'],
  rating_invited: ['invitations'],
};
const DURATION_OF_KIND: Record<string, DurationMetric> = {
  assigned: 'queueWait',
  msg_out: 'replyTime',
  first_response: 'firstResponse',
  agent_first_response: 'agentFirstResponse',
  resolution: 'resolution',
  handle: 'handle',
};
const KINDS = sql.raw(`array[${[...new Set([...Object.keys(COUNT_OF_KIND), ...Object.keys(DURATION_OF_KIND), 'cycle_started', 'cycle_handled'])].map((k) => `'${k}'`).join(',')}]`);

/**
 * Attribution (docs/reports.md "Filters"): with an agent or group filter, or per agent, Conversations and
 * Reopens count the cycles handled by that agent / group (`cycle_handled` rows, placed at the cycle's start)
 * instead of the cycles started (`cycle_started`, which carry no agent and usually no group).
 */
export function attributed(q: ResolvedQuery, breakdown: Breakdown): boolean {
  return Boolean(q.agentId || q.groupId || breakdown === 'agent');
}

/** One grouped row (per key and kind) added into figures: counts by kind, reopens, positive ratings. */
export function addKindCounts(f: Figures, kind: string, n: number, nFlag: number, nReopen: number, isAttributed: boolean): void {
  const conversationKind = isAttributed ? 'cycle_handled' : 'cycle_started';
  if (kind === 'cycle_started' || kind === 'cycle_handled') {
    if (kind !== conversationKind) return;
    f.counts.conversations += n;
    f.counts.reopens += nReopen;
    return;
  }
  for (const metric of COUNT_OF_KIND[kind] ?? []) f.counts[metric] += n;
  if (kind === 'rating') f.counts.positiveRatings += nFlag;
}

export function durationOfKind(kind: string): DurationMetric | undefined {
  return DURATION_OF_KIND[kind];
}

/** The start instant of a local day in a zone, as SQL. */
export function dayStart(day: string, tz: string): SQL {
  return sql`((${day}::date)::timestamp at time zone ${tz})`;
}

/** WHERE conditions of a query over report_events aliased `e` (workspace, range, filters). */
export function eventFilters(workspaceId: string, q: ResolvedQuery): SQL {
  const conditions: SQL[] = [
    sql`e.workspace_id = ${workspaceId}`,
    sql`e.at >= ${dayStart(q.from, q.tz)}`,
    sql`e.at < ${dayStart(q.to, q.tz)}`,
  ];
  if (q.agentId) conditions.push(sql`e.agent_id = ${q.agentId}`);
  if (q.groupId) conditions.push(sql`e.group_id = ${q.groupId}`);
  if (q.channel) conditions.push(sql`e.channel = ${q.channel}`);
  if (q.tag) conditions.push(sql`exists (select 1 from unnest(e.tags) as t(name) where lower(t.name) = lower(${q.tag}))`);
  return sql.join(conditions, sql` and `);
}

export type Breakdown = 'bucket' | 'agent' | 'none';

export interface AggregateRow {
  /** Bucket start (local, ISO without zone) or agent id; null = the total over the whole range. */
  key: string | null;
  figures: Figures;
}

export function emptyFigures(): Figures {
  return {
    counts: Object.fromEntries(COUNT_METRICS.map((m) => [m, 0])) as Record<CountMetric, number>,
    durations: Object.fromEntries(DURATION_METRICS.map((m) => [m, { count: 0, avg: null, median: null, p90: null }])) as Record<DurationMetric, DurationStats>,
  };
}

/** Figures per bucket / agent plus the total (key null), from one statement over the log rows of the range (exact). */
export async function aggregateLog(db: Db, workspaceId: string, q: ResolvedQuery, breakdown: Breakdown): Promise<AggregateRow[]> {
  const value = q.workingHours ? sql`e.value_wh_s` : sql`e.value_s`;
  // Per agent, a conversation counts for the agent who handled it; the total counts every cycle started.
  const isAttributed = (total: boolean) => attributed(q, total ? 'none' : breakdown);
  const unit = sql.raw(`'${q.groupBy}'`);
  const key =
    breakdown === 'bucket'
      ? sql`to_char(date_trunc(${unit}, e.at at time zone ${q.tz}), 'YYYY-MM-DD"T"HH24:MI')`
      : breakdown === 'agent'
        ? sql`e.agent_id::text`
        : sql`null::text`;
  // One pass over the rows of the range, grouped by kind (no per-row expansion): the figures are mapped
  // from the kinds afterwards. Percentiles ignore null values (e.g. agent messages that answered nothing).
  const { rows } = await analytic<{ key: string | null; total: boolean; kind: string; n: string; n_flag: string; n_reopen: string; nv: string; avg: number | null; median: number | null; p90: number | null }>(db, sql`
    select e.key, grouping(e.key) = 1 as total, e.kind,
      sum(e.weight) as n,
      coalesce(sum(e.weight) filter (where e.flag), 0) as n_flag,
      coalesce(sum(e.weight) filter (where e.detail = 'reopen'), 0) as n_reopen,
      count(e.v) as nv, avg(e.v) as avg,
      percentile_cont(0.5) within group (order by e.v) as median,
      percentile_cont(0.9) within group (order by e.v) as p90
    from (
      select ${key} as key, e.kind, e.weight, e.flag, e.detail, ${value} as v
      from report_events e
      where ${eventFilters(workspaceId, q)} and e.kind = any(${KINDS})
    ) e
    group by grouping sets ((e.key, e.kind), (e.kind))`);
  const byKey = new Map<string | null, Figures>();
  const figuresOf = (k: string | null) => {
    let f = byKey.get(k);
    if (!f) byKey.set(k, (f = emptyFigures()));
    return f;
  };
  figuresOf(null);
  for (const row of rows) {
    // Breakdown rows without a key (rows credited to no agent) only count in the total.
    if (!row.total && (breakdown === 'none' || row.key === null)) continue;
    const f = figuresOf(row.total ? null : row.key);
    addKindCounts(f, row.kind, Number(row.n), Number(row.n_flag), Number(row.n_reopen), isAttributed(row.total));
    const duration = DURATION_OF_KIND[row.kind];
    if (duration) {
      const count = Number(row.nv);
      f.durations[duration] = { count, avg: count ? Number(row.avg) : null, median: count ? Number(row.median) : null, p90: count ? Number(row.p90) : null };
    }
  }
  return [...byKey.entries()].map(([k, figures]) => ({ key: k, figures }));
}
