import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { addKindCounts, aggregateLog, attributed, dayStart, durationOfKind, emptyFigures, type AggregateRow, type Breakdown, type Figures } from './aggregate';
import type { ResolvedQuery } from './params';
import { ROLLUP_NIL } from './rollup';
import { analytic } from './analytic';
import { HistogramMerge, type HistCount } from './histogram';
import { packedBound, packedHistograms } from './packed-query';

/**
 * The report path over rollups (docs/reports.md "Rollups"): the day cells of the range at the level that
 * keeps exactly the dimensions the query needs, plus the log rows after the fold watermark (the tail),
 * read in one statement (one snapshot, so a fold in between cannot count a row twice or lose it).
 * Counts, sums and averages are exact. Medians and 90th percentiles come from the cells' histograms
 * (approximate, bounds in docs/reports.md), except when the range holds few durations (<= EXACT_LIMIT):
 * then they are computed exactly from the log rows, which are few.
 */
export const EXACT_LIMIT = 5_000;

/** With a tag filter and few log rows in the range, percentiles are still exact (computed from the log). */
export const EXACT_TAG_LOG_ROWS = 50_000;

/** Which level of day cells keeps the query's dimensions: 0 none, 1 agent, 2 group, 3 channel, 4 all three; + 5 with a tag. */
export function levelOf(q: ResolvedQuery, breakdown: Breakdown): number {
  const agent = Boolean(q.agentId) || breakdown === 'agent';
  const dims = [agent, Boolean(q.groupId), Boolean(q.channel)].filter(Boolean).length;
  const tag = q.tag ? 5 : 0;
  if (dims === 0) return tag;
  if (dims > 1) return tag + 4;
  return tag + (agent ? 1 : q.groupId ? 2 : 3);
}

/** The whole calendar months inside [from, to): [first, last) month starts, or null. */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
  const start = (y: number, m: number) => `${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01`;
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const first = fd === 1 ? from : start(fy, fm + 1);
  const last = start(ty, tm);
  return first < last ? { first, last } : null;
}

/**
 * The cells of [from, to) at a level: month cells (level + 10) for the whole months inside the range, day
 * cells for the days around them; only day cells when the answer is cut in days or weeks.
 */
function cellRange(q: ResolvedQuery, level: number, months: boolean): SQL {
  const days = (a: string, b: string) => sql`(r.level = ${level} and r.day >= ${a}::date and r.day < ${b}::date)`;
  const m = months ? wholeMonths(q.from, q.to) : null;
  if (!m) return days(q.from, q.to);
  return sql`(${days(q.from, m.first)} or (r.level = ${level + 10} and r.day >= ${m.first}::date and r.day < ${m.last}::date) or ${days(m.last, q.to)})`;
}

export async function watermarkNow(db: Db): Promise<number> {
  const { rows } = await db.execute<{ w: string }>(sql`select watermark as w from report_rollup_watermark where id = 1`);
  return Number(rows[0]?.w ?? 0);
}

/** Whether rollups can answer: day cells in the workspace's rollup zone, day or longer buckets. */
export async function rollupZone(db: Db, workspaceId: string): Promise<string | null> {
  const { rows } = await db.execute<{ tz: string }>(sql`select tz from report_rollup_zone where workspace_id = ${workspaceId}`);
  return rows[0]?.tz ?? null;
}

export function rollupsAnswer(q: ResolvedQuery, zone: string | null): boolean {
  return zone !== null && q.tz === zone && q.groupBy !== 'hour';
}

function cellFilters(q: ResolvedQuery, alias: 'r' | 'e'): SQL[] {
  const c: SQL[] = [];
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  if (q.agentId) c.push(sql`${col('agent_id')} = ${q.agentId}`);
  if (q.groupId) c.push(sql`${col('group_id')} = ${q.groupId}`);
  if (q.channel) c.push(sql`${col('channel')} = ${q.channel}`);
  if (q.tag) c.push(alias === 'r' ? sql`r.tag = lower(${q.tag})` : sql`exists (select 1 from unnest(e.tags) as t(name) where lower(t.name) = lower(${q.tag}))`);
  return c;
}

const and = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`true`);

/** Same answer shape as aggregateLog, from rollups + tail. Call only when rollupsAnswer(). */
export async function aggregateRollups(db: Db, workspaceId: string, q: ResolvedQuery, breakdown: Breakdown, opts: { exactLimit?: number } = {}): Promise<AggregateRow[]> {
  const level = levelOf(q, breakdown);
  const unit = sql.raw(`'${q.groupBy}'`);
  const cellKey =
    breakdown === 'bucket'
      ? sql`to_char(date_trunc(${unit}, r.day::timestamp), 'YYYY-MM-DD"T"HH24:MI')`
      : breakdown === 'agent'
        ? sql`nullif(r.agent_id, ${ROLLUP_NIL}::uuid)::text`
        : sql`null::text`;
  const tailKey =
    breakdown === 'bucket'
      ? sql`to_char(date_trunc(${unit}, e.at at time zone ${q.tz}), 'YYYY-MM-DD"T"HH24:MI')`
      : breakdown === 'agent'
        ? sql`e.agent_id::text`
        : sql`null::text`;
  const months = breakdown !== 'bucket' || q.groupBy === 'month';
  const cells = and([sql`r.workspace_id = ${workspaceId}`, cellRange(q, level, months), ...cellFilters(q, 'r')]);
  const tail = and([
    // The literal (read just before) lets the planner pick the id index; the subquery (same snapshot as the
    // cells) is what makes it exact. The watermark only grows, so the subquery's bound is the tighter one.
    sql`e.id > ${await watermarkNow(db)}`,
    sql`e.id > (select watermark from report_rollup_watermark where id = 1)`,
    sql`e.workspace_id = ${workspaceId}`,
    sql`e.at >= ${dayStart(q.from, q.tz)}`,
    sql`e.at < ${dayStart(q.to, q.tz)}`,
    sql`e.kind <> 'agent_status'`,
    ...cellFilters(q, 'e'),
  ]);
  const sumCol = q.workingHours ? sql`r.sum_wh` : sql`r.sum_v`;
  const value = q.workingHours ? sql`e.value_wh_s` : sql`e.value_s`;
  const countsP = analytic<{ key: string | null; total: boolean; kind: string; n: string; n_flag: string; n_reopen: string; nv: string; sv: number | null }>(db, sql`
    select x.key, grouping(x.key) = 1 as total, x.kind, sum(x.n) as n, sum(x.n_flag) as n_flag, sum(x.n_reopen) as n_reopen, sum(x.nv) as nv, sum(x.sv) as sv
    from (
      select ${cellKey} as key, r.kind, r.n, r.n_flag, r.n_reopen, r.nv, ${sumCol} as sv from report_rollup r where ${cells}
      union all
      select ${tailKey}, e.kind, e.weight, case when e.flag then e.weight else 0 end, case when e.detail = 'reopen' then e.weight else 0 end,
        (${value} is not null)::int, coalesce(${value}, 0)
      from report_events e where ${tail}
    ) x
    group by grouping sets ((x.key, x.kind), (x.kind))`);
  // Histogram counts per key, kind and bucket (merged and ranked in histogram.ts): packed rows for the
  // days packed (packed-query.ts), else the row-per-bucket cells (month cells for whole months).
  const histSource = (where: SQL) => sql`
      select ${cellKey} as key, r.kind, r.bucket, r.n from report_rollup_hist r where ${where} and r.wh = ${q.workingHours}
      union all
      select ${tailKey}, e.kind, lc_report_bucket(${value}), 1 from report_events e where ${tail} and ${value} is not null`;
  const filters = cellFilters(q, 'r');
  const histP = (async () => {
    if (level % 5 === 4) return new HistogramMerge(false);
    const bound = await packedBound(db, workspaceId);
    if (bound !== null && bound > q.from) {
      const days = (fromDay: string) => and([sql`r.workspace_id = ${workspaceId}`, sql`r.level = ${level} and r.day >= ${fromDay}::date and r.day < ${q.to}::date`, ...filters]);
      const merge = await packedHistograms(db, workspaceId, q, breakdown, bound, { level, filters: and(filters), rows: (fromDay) => histSource(days(fromDay)) });
      if (merge) return merge;
    }
    const merge = new HistogramMerge(breakdown !== 'none');
    for (const r of (await analytic<HistCount>(db, sql`select x.key, x.kind, x.bucket, sum(x.n) as n from (${histSource(cells)}) x group by x.key, x.kind, x.bucket`)).rows) merge.add(r.key, r.kind, Number(r.bucket), Number(r.n));
    return merge;
  })();
  // With a tag filter the log path cannot use an index on the tag: it is asked only over few log rows.
  const logRowsP = q.tag
    ? db.execute<{ n: string }>(sql`select coalesce(sum(r.n), 0) as n from report_rollup r where r.workspace_id = ${workspaceId} and ${cellRange({ ...q, tag: undefined }, 0, true)}`)
    : Promise.resolve({ rows: [{ n: '0' }] });
  const [{ rows }, hist, { rows: logRows }] = await Promise.all([countsP, histP, logRowsP]);
  // Per agent, a conversation counts for the agent who handled it; the total counts every cycle started.
  const isAttributed = (total: boolean) => attributed(q, total ? 'none' : breakdown);
  const byKey = new Map<string | null, Figures>();
  const figuresOf = (k: string | null) => {
    let f = byKey.get(k);
    if (!f) byKey.set(k, (f = emptyFigures()));
    return f;
  };
  figuresOf(null);
  const keep = (total: boolean, key: string | null) => total || (breakdown !== 'none' && key !== null);
  let durations = 0;
  for (const row of rows) {
    if (!keep(row.total, row.key)) continue;
    const f = figuresOf(row.total ? null : row.key);
    addKindCounts(f, row.kind, Number(row.n), Number(row.n_flag), Number(row.n_reopen), isAttributed(row.total));
    const d = durationOfKind(row.kind);
    if (d) {
      const count = Number(row.nv);
      if (row.total) durations += count;
      f.durations[d] = { count, avg: count ? Number(row.sv) / count : null, median: null, p90: null };
    }
  }
  const noHistograms = level % 5 === 4;
  if ((durations <= (opts.exactLimit ?? EXACT_LIMIT) && Number(logRows[0].n) <= EXACT_TAG_LOG_ROWS) || noHistograms) {
    // Few values (or no histograms at this level): exact percentiles from the log rows.
    const exact = await aggregateLog(db, workspaceId, q, breakdown);
    for (const { key, figures } of exact) {
      const f = byKey.get(key);
      if (!f) continue;
      for (const [m, s] of Object.entries(figures.durations)) {
        const mine = f.durations[m as keyof Figures['durations']];
        if (mine.count) Object.assign(mine, { median: s.median, p90: s.p90 });
      }
    }
  } else {
    for (const [key, kinds] of hist.percentiles()) {
      const f = byKey.get(key);
      if (!f) continue;
      for (const [kind, p] of kinds) {
        const d = durationOfKind(kind);
        if (d && f.durations[d].count) Object.assign(f.durations[d], p);
      }
    }
  }
  return [...byKey.entries()].map(([key, figures]) => ({ key, figures }));
}

/** Every report figure: rollups + tail when they can answer, else the log rows of the range (exact). */
export async function aggregate(db: Db, workspaceId: string, q: ResolvedQuery, breakdown: Breakdown, opts: { exactLimit?: number } = {}): Promise<AggregateRow[]> {
  if (rollupsAnswer(q, await rollupZone(db, workspaceId))) return aggregateRollups(db, workspaceId, q, breakdown, opts);
  return aggregateLog(db, workspaceId, q, breakdown);
}

/** Whether a zone's offset is a whole number of hours at both ends of the range (hour cells then map to local hours). */
export function wholeHourZone(tz: string, instants: Date[]): boolean {
  return instants.every((d) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(d);
    const off = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    return off === 'GMT' || /^GMT[+-]\d{2}:00$/.test(off);
  });
}

/**
 * Busiest hours: cycles started (handled, with an agent or group filter) by ISO weekday × local hour. From
 * the UTC-hour cells + tail when no tag filter applies and the zone is a whole number of hours off UTC at
 * both ends of the range (any such IANA zone, not only the workspace's), else from the log rows.
 */
export async function heatmapCells(db: Db, workspaceId: string, q: ResolvedQuery, range: { from: Date; to: Date }): Promise<{ weekday: number; hour: number; conversations: number }[]> {
  const kind = q.agentId || q.groupId ? 'cycle_handled' : 'cycle_started';
  const tail = and([
    sql`e.workspace_id = ${workspaceId}`,
    sql`e.kind = ${kind}`,
    sql`e.at >= ${dayStart(q.from, q.tz)}`,
    sql`e.at < ${dayStart(q.to, q.tz)}`,
    ...cellFilters(q, 'e'),
  ]);
  const useCells = (await rollupZone(db, workspaceId)) !== null && wholeHourZone(q.tz, [range.from, range.to]);
  const source = useCells
    ? sql`
      select r.hour as at, r.n from report_rollup_hour r
      where ${and([sql`r.workspace_id = ${workspaceId}`, sql`r.level = ${levelOf(q, 'none')}`, sql`r.hour >= ${dayStart(q.from, q.tz)}`, sql`r.hour < ${dayStart(q.to, q.tz)}`, ...cellFilters(q, 'r')])}
      union all
      select e.at, e.weight from report_events e where ${tail} and e.id > ${await watermarkNow(db)} and e.id > (select watermark from report_rollup_watermark where id = 1)`
    : sql`select e.at, e.weight as n from report_events e where ${tail}`;
  const { rows } = await db.execute<{ weekday: number; hour: number; n: string }>(sql`
    select extract(isodow from x.at at time zone ${q.tz})::int as weekday, extract(hour from x.at at time zone ${q.tz})::int as hour, sum(x.n) as n
    from (${source}) x group by 1, 2 having sum(x.n) <> 0 order by 1, 2`);
  return rows.map((r) => ({ weekday: r.weekday, hour: r.hour, conversations: Number(r.n) }));
}
