import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dropAgentTime, foldAgentTime } from './agent-days';
import { dropPacked, packHistograms } from './pack';

/**
 * Rollups (docs/reports.md "Rollups"): folds the reporting log into per-day cells incrementally, up to a
 * global id watermark. A fold takes the id of the newest row once no transaction that writes the log is in
 * flight (a SHARE lock on report_events, waited for at most `lockTimeoutMs`, held for one `max(id)`), so
 * every row at or below it is committed and none can appear later below it; then it folds the rows between
 * the old and the new watermark in batches, each batch and the watermark move in one transaction.
 * Idempotent and safe to run from several processes (a transaction-level advisory lock serialises them).
 * A workspace whose zone changed has its rollups rebuilt (they are cut in local days).
 */
const NIL = '00000000-0000-0000-0000-000000000000';
const FOLD_LOCK = 0x4c435250; // 'LCRP'
export const ROLLUP_NIL = NIL;

/** The zone rollups of a workspace are cut in: its working-hours zone when valid, else UTC (SQL). */
const ZONE_OF = sql`coalesce((select nz.name from settings st join pg_timezone_names nz on nz.name = st.value->'workspace'->>'timezone'
  where st.workspace_id = w.id and st.section = 'workingHours' limit 1), 'UTC')`;

export interface FoldResult {
  folded: number;
  watermark: number;
  rebuilt: number;
  skipped?: 'busy' | 'locked';
}

/** `pack: false` leaves the packed histograms stale (marked so) until the next fold: tests look at that state. */
export async function foldReports(db: Db, opts: { batch?: number; lockTimeoutMs?: number; maxBatches?: number; pack?: boolean } = {}): Promise<FoldResult> {
  const batch = opts.batch ?? 200_000;
  let batches = opts.maxBatches ?? Infinity;
  // 1. The safe horizon.
  let horizon: number;
  try {
    horizon = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = '${Math.round(opts.lockTimeoutMs ?? 200)}ms'`));
      await tx.execute(sql`lock table report_events in share mode`);
      const { rows } = await tx.execute<{ m: string | null }>(sql`select max(id) as m from report_events`);
      return Number(rows[0].m ?? 0);
    });
  } catch (e) {
    if ((e as { code?: string }).code === '55P03' || (e as { cause?: { code?: string } }).cause?.code === '55P03') return { folded: 0, watermark: -1, rebuilt: 0, skipped: 'busy' };
    throw e;
  }
  let folded = 0;
  let rebuilt = 0;
  let watermark = 0;
  let caughtUp = false;
  for (;;) {
    const step = await db.transaction(async (tx) => {
      const { rows: got } = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as ok`);
      if (!got[0].ok) return null;
      const { rows: wm } = await tx.execute<{ watermark: string }>(sql`select watermark from report_rollup_watermark where id = 1 for update`);
      const from = Number(wm[0]?.watermark ?? 0);
      // Zones: new workspaces get theirs; a changed zone rebuilds that workspace's rollups below the watermark.
      const { rows: changed } = await tx.execute<{ id: string; tz: string }>(sql`
        select w.id, ${ZONE_OF} as tz from workspaces w left join report_rollup_zone z on z.workspace_id = w.id
        where z.tz is distinct from ${ZONE_OF}`);
      for (const c of changed) {
        await tx.execute(sql`insert into report_rollup_zone (workspace_id, tz) values (${c.id}, ${c.tz}) on conflict (workspace_id) do update set tz = excluded.tz`);
        const { rows: had } = await tx.execute<{ n: string }>(sql`with d as (delete from report_rollup where workspace_id = ${c.id} returning 1) select count(*) as n from d`);
        await tx.execute(sql`delete from report_rollup_hist where workspace_id = ${c.id}`);
        await tx.execute(sql`delete from report_rollup_hour where workspace_id = ${c.id}`);
        await dropAgentTime(tx as unknown as Db, c.id);
        await dropPacked(tx as unknown as Db, c.id);
        if (Number(had[0].n) > 0 || from > 0) {
          await foldRange(tx as unknown as Db, sql`e.workspace_id = ${c.id} and e.id <= ${from}`);
          rebuilt++;
        }
      }
      if (from >= horizon) return { from, to: from, n: 0 };
      const to = Math.min(horizon, from + batch);
      const n = await foldRange(tx as unknown as Db, sql`e.id > ${from} and e.id <= ${to}`);
      await tx.execute(sql`insert into report_rollup_watermark (id, watermark) values (1, ${to}) on conflict (id) do update set watermark = excluded.watermark`);
      return { from, to, n };
    });
    if (!step) return { folded, watermark: -1, rebuilt, skipped: 'locked' };
    folded += step.n;
    watermark = step.to;
    caughtUp = step.to >= horizon;
    if (caughtUp || --batches <= 0) break;
  }
  // Agent time (agent-days.ts), up to the same watermark, and the packed histograms (pack.ts) of the days
  // completed or changed, once per fold (not per batch).
  const agents = await db.transaction(async (tx) => {
    const { rows: got } = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as ok`);
    if (!got[0].ok) return false;
    const { rows: wm } = await tx.execute<{ watermark: string }>(sql`select watermark from report_rollup_watermark where id = 1`);
    await foldAgentTime(tx as unknown as Db, Number(wm[0]?.watermark ?? 0));
    // Days made stale are packed again only once the fold has caught up (not after each batch of a backfill).
    if (opts.pack !== false) await packHistograms(tx as unknown as Db, { repackStale: caughtUp });
    return true;
  });
  return agents ? { folded, watermark, rebuilt } : { folded, watermark, rebuilt, skipped: 'locked' };
}

/**
 * Adds the log rows matching `where` (alias e) to the three rollup tables. Returns the rows read. Each
 * batch is aggregated once per day (levels 0-4, and 5-9 per tag), then those day rows again per month
 * (levels + 10): the month cells cost a re-aggregation of the batch's day rows, not of its log rows.
 */
async function foldRange(db: Db, where: ReturnType<typeof sql>): Promise<number> {
  const ev = sql`
    select e.workspace_id as ws, (e.at at time zone z.tz)::date as day, coalesce(e.agent_id, ${NIL}::uuid) as a,
      coalesce(e.group_id, ${NIL}::uuid) as g, coalesce(e.channel, '') as ch, e.kind, e.weight, e.flag, e.detail, e.value_s, e.value_wh_s, e.at, e.tags
    from report_events e join report_rollup_zone z on z.workspace_id = e.workspace_id
    where ${where} and e.kind <> 'agent_status'`;
  // grouping(a, g, ch): 7 = none kept (level 0), 3 = agent (1), 5 = group (2), 6 = channel (3), 0 = all (4).
  const level = sql`(case grouping(a, g, ch) when 7 then 0 when 3 then 1 when 5 then 2 when 6 then 3 else 4 end)::smallint`;
  const dims = sql`case when grouping(a) = 0 then a else ${NIL}::uuid end as a, case when grouping(g) = 0 then g else ${NIL}::uuid end as g, case when grouping(ch) = 0 then ch else '' end as ch`;
  const sums = sql`sum(weight) as n, coalesce(sum(weight) filter (where flag), 0) as n_flag, coalesce(sum(weight) filter (where detail = 'reopen'), 0) as n_reopen,
    count(value_s) as nv, coalesce(sum(value_s), 0) as sv, coalesce(sum(value_wh_s), 0) as swh`;
  const bucketOf = sql`lc_report_bucket(v.v)`;
  const { rows } = await db.execute<{ n: string }>(sql`
    with ev as materialized (${ev}),
    -- A row counts once under each of its tags (case-insensitive, as the tag filter).
    tev as materialized (select ev.*, t.tag from ev cross join lateral (select distinct lower(x) as tag from unnest(ev.tags) x) t),
    d as materialized (
      select ws, ${level} as level, day, ${dims}, '' as tag, kind, ${sums} from ev group by ws, day, kind, grouping sets ((), (a), (g), (ch), (a, g, ch))
      union all
      select ws, 5 + ${level}, day, ${dims}, tag, kind, ${sums} from tev group by ws, day, tag, kind, grouping sets ((), (a), (g), (ch), (a, g, ch))
    ),
    r as (
      insert into report_rollup as r (workspace_id, level, day, agent_id, group_id, channel, tag, kind, n, n_flag, n_reopen, nv, sum_v, sum_wh)
      select ws, level, day, a, g, ch, tag, kind, n, n_flag, n_reopen, nv, sv, swh from d
      union all
      select ws, level + 10, date_trunc('month', day)::date, a, g, ch, tag, kind, sum(n), sum(n_flag), sum(n_reopen), sum(nv), sum(sv), sum(swh)
      from d group by ws, level, date_trunc('month', day), a, g, ch, tag, kind
      on conflict (workspace_id, level, day, agent_id, group_id, channel, tag, kind) do update set
        n = r.n + excluded.n, n_flag = r.n_flag + excluded.n_flag, n_reopen = r.n_reopen + excluded.n_reopen,
        nv = r.nv + excluded.nv, sum_v = r.sum_v + excluded.sum_v, sum_wh = r.sum_wh + excluded.sum_wh
      returning 1
    ),
    dh as materialized (
      select ws, ${level} as level, day, ${dims}, '' as tag, kind, v.wh, ${bucketOf} as bucket, count(*) as n
      from ev cross join lateral (values (false, ev.value_s), (true, ev.value_wh_s)) as v(wh, v) where v.v is not null
      group by ws, day, kind, v.wh, ${bucketOf}, grouping sets ((), (a), (g), (ch))
      union all
      select ws, 5 + ${level}, day, ${dims}, tag, kind, v.wh, ${bucketOf}, count(*)
      from tev cross join lateral (values (false, tev.value_s), (true, tev.value_wh_s)) as v(wh, v) where v.v is not null
      group by ws, day, tag, kind, v.wh, ${bucketOf}, grouping sets ((), (a), (g), (ch))
    ),
    h as (
      insert into report_rollup_hist as h (workspace_id, level, day, agent_id, group_id, channel, tag, kind, wh, bucket, n)
      select ws, level, day, a, g, ch, tag, kind, wh, bucket, n from dh
      union all
      select ws, level + 10, date_trunc('month', day)::date, a, g, ch, tag, kind, wh, bucket, sum(n)
      from dh group by ws, level, date_trunc('month', day), a, g, ch, tag, kind, wh, bucket
      on conflict (workspace_id, level, day, agent_id, group_id, channel, tag, kind, wh, bucket) do update set n = h.n + excluded.n
      returning 1
    ),
    hr as (
      -- Heatmap: cycles started per UTC hour; levels 0 and 3 from cycle_started, 1, 2, 4 (agent or group
      -- kept) from cycle_handled, as the figures' attribution rule says; + 5 per tag.
      insert into report_rollup_hour as hr (workspace_id, level, hour, agent_id, group_id, channel, tag, n)
      select ws, ${level}, date_trunc('hour', at), ${dims}, '', sum(weight)
      from ev where kind in ('cycle_started', 'cycle_handled')
      group by ws, date_trunc('hour', at), kind, grouping sets ((), (a), (g), (ch), (a, g, ch))
      having (kind = 'cycle_started') = (grouping(a, g, ch) in (7, 6))
      union all
      select ws, 5 + ${level}, date_trunc('hour', at), ${dims}, tag, sum(weight)
      from tev where kind in ('cycle_started', 'cycle_handled')
      group by ws, date_trunc('hour', at), tag, kind, grouping sets ((), (a), (g), (ch), (a, g, ch))
      having (kind = 'cycle_started') = (grouping(a, g, ch) in (7, 6))
      on conflict (workspace_id, level, hour, agent_id, group_id, channel, tag) do update set n = hr.n + excluded.n
      returning 1
    ),
    -- Packed histograms (pack.ts) of a day before through that gets rows now are stale from that day on.
    pk as (
      update report_pack_state s set dirty_from = least(coalesce(s.dirty_from, m.day), m.day)
      from (select ws, min(day) as day from ev group by ws) m where s.workspace_id = m.ws and m.day < s.through
      returning 1
    )
    select (select count(*) from ev) + 0 * (select count(*) from r) + 0 * (select count(*) from h) + 0 * (select count(*) from hr) + 0 * (select count(*) from pk) as n`);
  return Number(rows[0].n);
}

/**
 * Rebuilds every rollup from the log: empties them and sets the watermark to 0 in one transaction (reports
 * stay right meanwhile: they read the whole log as the tail), then folds in batches.
 */
export async function rebuildRollups(db: Db, opts: { batch?: number } = {}): Promise<FoldResult> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK})`);
    await tx.execute(sql`truncate report_rollup, report_rollup_hist, report_rollup_hour, report_rollup_zone, report_agent_day, report_agent_open, report_agent_time, report_rollup_packed, report_pack_state`);
    await tx.execute(sql`insert into report_rollup_watermark (id, watermark, agent_watermark) values (1, 0, 0) on conflict (id) do update set watermark = 0, agent_watermark = 0`);
  });
  return foldReports(db, { ...opts, lockTimeoutMs: 5_000 });
}
