import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { addDays } from './params';

/**
 * Packed histograms (docs/reports.md "Packed histograms"): for each cell key of the histogram levels, kind
 * and `wh`, the month-to-date histogram up to and including each completed local day, as two arrays
 * (sorted buckets, counts). A range's histogram is then the difference of two rows per month it touches,
 * whatever its length, instead of one row per day and bucket.
 *
 * Built from report_rollup_hist (never from the log), one day after the other: day d = day d - 1 of the
 * same month + the day cells of d. A key stays in every later day of its month once it appeared (so a
 * missing row means an empty histogram). Each fold ends with one pack step: the days since
 * `report_pack_state.through` (normally yesterday, once a day) and, if a fold added rows to an earlier day
 * (`dirty_from`, set in the fold's transaction), the days from there on, once the fold has caught up with
 * the log (not after every batch of a backfill). Reports read packed rows only
 * before min(through, dirty_from), so a late row is never missed or counted twice.
 */
const LEVELS = sql.raw(`array[0, 1, 2, 3, 5, 6, 7, 8]::smallint[]`);
const KEY = sql.raw(`level, agent_id, group_id, channel, tag, kind, wh`);

/** Packs every workspace's completed days that are not packed yet (or stale). Returns the days packed. */
export async function packHistograms(tx: Db, opts: { repackStale: boolean }): Promise<number> {
  const { rows } = await tx.execute<{ ws: string; today: string; through: string | null; dirty: string | null; first: string | null }>(sql`
    select z.workspace_id as ws, to_char((now() at time zone z.tz)::date, 'YYYY-MM-DD') as today,
      to_char(s.through, 'YYYY-MM-DD') as through, to_char(s.dirty_from, 'YYYY-MM-DD') as dirty,
      case when s.through is null then (select to_char(min(h.day), 'YYYY-MM-DD') from report_rollup_hist h where h.workspace_id = z.workspace_id and h.level = 0) end as first
    from report_rollup_zone z left join report_pack_state s on s.workspace_id = z.workspace_id`);
  let packed = 0;
  for (const r of rows) {
    // Mid-backfill (more batches to fold): stale days stay read from the day cells until it is done.
    if (r.dirty !== null && !opts.repackStale) continue;
    const from = r.through === null ? r.first : r.dirty !== null && r.dirty < r.through ? r.dirty : r.through;
    if (from !== null && from < r.today) {
      await tx.execute(sql`delete from report_rollup_packed where workspace_id = ${r.ws} and day >= ${from}::date`);
      const { rows: active } = await tx.execute<{ day: string }>(sql`select distinct to_char(h.day, 'YYYY-MM-DD') as day from report_rollup_hist h
        where h.workspace_id = ${r.ws} and h.level = 0 and h.day >= ${from}::date and h.day < ${r.today}::date`);
      const cells = new Set(active.map((a) => a.day));
      // A day is packed once its month has had cells (the days after carry the month so far).
      let month = !from.endsWith('-01');
      for (let day = from; day < r.today; day = addDays(day, 1)) {
        if (day.endsWith('-01')) month = false;
        month ||= cells.has(day);
        if (!month) continue;
        await packDay(tx, r.ws, day);
        packed++;
      }
    }
    if (r.through !== r.today || r.dirty !== null) {
      await tx.execute(sql`insert into report_pack_state (workspace_id, through, dirty_from) values (${r.ws}, ${r.today}::date, null)
        on conflict (workspace_id) do update set through = excluded.through, dirty_from = null`);
    }
  }
  return packed;
}

/** The packed rows of one day: the previous day's (same month) plus the day's histogram cells. */
async function packDay(tx: Db, ws: string, day: string): Promise<void> {
  const carry = day.endsWith('-01')
    ? sql``
    : sql`select ${KEY}, u.bucket, u.n from report_rollup_packed p cross join lateral unnest(p.buckets, p.counts) as u(bucket, n)
        where p.workspace_id = ${ws} and p.level = any(${LEVELS}) and p.day = ${addDays(day, -1)}::date
        union all`;
  await tx.execute(sql`
    insert into report_rollup_packed (workspace_id, level, agent_id, group_id, channel, tag, kind, wh, day, buckets, counts)
    select ${ws}, ${KEY}, ${day}::date, array_agg(bucket order by bucket), array_agg(n order by bucket)
    from (
      select ${KEY}, bucket, sum(n) as n from (
        ${carry}
        select ${KEY}, h.bucket, h.n from report_rollup_hist h where h.workspace_id = ${ws} and h.level = any(${LEVELS}) and h.day = ${day}::date
      ) x group by ${KEY}, bucket
    ) y where n <> 0
    group by ${KEY}`);
}

/** Forgets a workspace's packed rows (its cells are rebuilt): the next fold packs it from its first day. */
export async function dropPacked(tx: Db, workspaceId: string): Promise<void> {
  await tx.execute(sql`delete from report_rollup_packed where workspace_id = ${workspaceId}`);
  await tx.execute(sql`delete from report_pack_state where workspace_id = ${workspaceId}`);
}
