import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
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
 * Log row kind -> metric. A row may feed two metrics: msg_out counts a message and, when it answered a
 * visitor, is a reply time; cycle_started counts a conversation and, for a reopen, a reopen; assigned
 * counts a chat and, when the cycle waited, is a queue wait; rating counts a rating and, if positive, a
 * positive one.
 */
const METRIC_OF_ROW = sql`
  case e.kind
    when 'cycle_started' then 'conversations'
    when 'msg_in' then 'messagesIn'
    when 'msg_out' then 'messagesOut'
    when 'assigned' then 'chats'
    when 'transfer' then 'transfers'
    when 'queued' then 'queued'
    when 'waited' then 'waited'
    when 'abandoned' then 'abandoned'
    when 'missed' then 'missed'
    when 'rating' then 'ratings'
    when 'rating_invited' then 'invitations'
    when 'first_response' then 'firstResponse'
    when 'agent_first_response' then 'agentFirstResponse'
    when 'resolution' then 'resolution'
    when 'handle' then 'handle'
  end`;
const SECOND_METRIC_OF_ROW = sql`
  case
    when e.kind = 'cycle_started' and e.detail = 'reopen' then 'reopens'
    when e.kind = 'msg_out' and e.value_s is not null then 'replyTime'
    when e.kind = 'assigned' and e.value_s is not null then 'queueWait'
    when e.kind = 'transfer' then 'chats'
    when e.kind = 'rating' and e.flag then 'positiveRatings'
  end`;
/** Metrics whose value is a duration (the other kinds' values are ignored). */
const DURATION_SQL = sql.raw(`array[${DURATION_METRICS.map((m) => `'${m}'`).join(',')}]`);
const KINDS = sql.raw(
  `array['cycle_started','msg_in','msg_out','assigned','transfer','queued','waited','abandoned','missed','rating','rating_invited','first_response','agent_first_response','resolution','handle']`,
);

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

/** Figures per bucket / agent plus the total (key null), from one statement. */
export async function aggregate(db: Db, workspaceId: string, q: ResolvedQuery, breakdown: Breakdown): Promise<AggregateRow[]> {
  const value = q.workingHours ? sql`e.value_wh_s` : sql`e.value_s`;
  const unit = sql.raw(`'${q.groupBy}'`);
  const key =
    breakdown === 'bucket'
      ? sql`to_char(date_trunc(${unit}, e.at at time zone ${q.tz}), 'YYYY-MM-DD"T"HH24:MI')`
      : breakdown === 'agent'
        ? sql`e.agent_id::text`
        : sql`null::text`;
  const { rows } = await db.execute<{ key: string | null; total: boolean; metric: string; n: string; nv: string; avg: number | null; median: number | null; p90: number | null }>(sql`
    with rows as (
      select ${key} as key, m.metric, e.weight,
        case when m.metric = any(${DURATION_SQL}) then ${value} end as v
      from report_events e
      cross join lateral (values (${METRIC_OF_ROW}), (${SECOND_METRIC_OF_ROW})) as m(metric)
      where ${eventFilters(workspaceId, q)} and e.kind = any(${KINDS}) and m.metric is not null
    )
    select key, grouping(key) = 1 as total, metric, sum(weight) as n, count(v) as nv, avg(v) as avg,
      percentile_cont(0.5) within group (order by v) as median,
      percentile_cont(0.9) within group (order by v) as p90
    from rows
    group by grouping sets ((key, metric), (metric))`);
  const byKey = new Map<string | null, Figures>();
  const figuresOf = (k: string | null) => {
    let f = byKey.get(k);
    if (!f) byKey.set(k, (f = emptyFigures()));
    return f;
  };
  figuresOf(null);
  for (const row of rows) {
    if (breakdown === 'none' && !row.total) continue;
    const f = figuresOf(row.total ? null : row.key);
    if ((DURATION_METRICS as readonly string[]).includes(row.metric)) {
      const count = Number(row.nv);
      f.durations[row.metric as DurationMetric] = {
        count,
        avg: count ? Number(row.avg) : null,
        median: count ? Number(row.median) : null,
        p90: count ? Number(row.p90) : null,
      };
    } else {
      f.counts[row.metric as CountMetric] = Number(row.n);
    }
  }
  return [...byKey.entries()].map(([k, figures]) => ({ key: k, figures }));
}
