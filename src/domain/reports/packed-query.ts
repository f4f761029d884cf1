import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Breakdown } from './aggregate';
import { HistogramMerge } from './histogram';
import { addDays, type ResolvedQuery } from './params';
import { ROLLUP_NIL } from './rollup';

/**
 * A report's histograms from packed rows (pack.ts, docs/reports.md "Packed histograms"): the days of the
 * range before the packed bound P are differences of month-to-date rows (per month piece [s, e): the row
 * of e - 1 minus the row of s - 1 unless s is the 1st), the days from P on are the row-per-bucket day cells,
 * plus the log tail: one statement, so one snapshot. P is read first (it picks the days to read) and again
 * inside the statement; if a fold or a pack moved it in between, the statement is run again.
 */
export async function packedBound(db: Db, workspaceId: string): Promise<string | null> {
  const { rows } = await db.execute<{ p: string | null }>(sql`${boundOf(workspaceId)} as p`);
  return rows[0]?.p ?? null;
}

const boundOf = (workspaceId: string) =>
  sql`select (select to_char(least(s.through, coalesce(s.dirty_from, s.through)), 'YYYY-MM-DD') from report_pack_state s where s.workspace_id = ${workspaceId})`;

const nextMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The bucket a day is in, as the aggregate's keys ('2026-03-30T00:00'), and the next bucket's first day. */
function bucketOf(day: string, groupBy: ResolvedQuery['groupBy']): { key: string; end: string } {
  if (groupBy === 'month') return { key: `${day.slice(0, 8)}01T00:00`, end: nextMonth(day) };
  if (groupBy === 'week') {
    const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    return { key: `${monday}T00:00`, end: addDays(monday, 7) };
  }
  return { key: `${day}T00:00`, end: addDays(day, 1) };
}

/** Which packed rows to read: per day, the keys (bucket or null) and signs it counts for. */
export function packedPoints(from: string, end: string, breakdown: Breakdown, groupBy: ResolvedQuery['groupBy']): Map<string, { key: string | null; sign: number }[]> {
  const points = new Map<string, { key: string | null; sign: number }[]>();
  const use = (day: string, key: string | null, sign: number) => {
    const list = points.get(day);
    if (list) list.push({ key, sign });
    else points.set(day, [{ key, sign }]);
  };
  for (let s = from; s < end; ) {
    const bucket = breakdown === 'bucket' ? bucketOf(s, groupBy) : { key: null, end };
    const e = [bucket.end, nextMonth(s), end].sort()[0];
    use(addDays(e, -1), bucket.key, 1);
    if (!s.endsWith('-01')) use(addDays(s, -1), bucket.key, -1);
    s = e;
  }
  return points;
}

export interface PackedParts {
  level: number;
  /** The row-per-bucket rows (day cells from P on + tail: key, kind, bucket, n), given the first day they cover. */
  rows: (fromDay: string) => SQL;
  /** Filters on the packed rows (alias r). */
  filters: SQL;
}

/** The merged histograms, or null when the bound keeps moving (the caller then reads the day cells). */
export async function packedHistograms(db: Db, workspaceId: string, q: ResolvedQuery, breakdown: Breakdown, bound: string, parts: PackedParts): Promise<HistogramMerge | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const end = bound < q.to ? bound : q.to;
    const points = packedPoints(q.from, end, breakdown, q.groupBy);
    const days = `{${[...points.keys()].join(',')}}`;
    // A plain statement (no analytic() transaction: a few thousand rows, no big sort, far below the JIT costs).
    const { rows } = await db.execute<{ src: string; key: string | null; kind: string; day: string | null; buckets: string | null; counts: string | null }>(sql`
      select 'p' as src, nullif(r.agent_id, ${ROLLUP_NIL}::uuid)::text as key, r.kind, to_char(r.day, 'YYYY-MM-DD') as day,
        r.buckets::text as buckets, r.counts::text as counts
      from report_rollup_packed r
      where r.workspace_id = ${workspaceId} and r.level = ${parts.level} and r.day = any(${days}::date[]) and r.wh = ${q.workingHours} and ${parts.filters}
      union all
      -- Both arrays are built from the same rows in the same order (a bucket may come twice: the merge adds).
      select 'h', x.key, x.kind, null, array_agg(x.bucket)::text, array_agg(x.n)::text
      from (${parts.rows(bound > q.from ? bound : q.from)}) x group by x.key, x.kind
      union all
      select 'w', null, null, (${boundOf(workspaceId)}), null, null`);
    const now = rows.find((r) => r.src === 'w')?.day ?? null;
    if (now !== bound) {
      if (now === null || now <= q.from) return null;
      bound = now;
      continue;
    }
    const merge = new HistogramMerge(breakdown !== 'none');
    for (const r of rows) {
      if (r.src === 'w') continue;
      // Arrays as text ('{1,2}'), split here: 2-3 times faster than the driver's array parser.
      const buckets = r.buckets!.slice(1, -1).split(',').map(Number);
      const counts = r.counts!.slice(1, -1).split(',').map(Number);
      if (r.src === 'h') merge.addAll(r.key, r.kind, buckets, counts, 1);
      else for (const use of points.get(r.day!) ?? []) merge.addAll(breakdown === 'agent' ? r.key : use.key, r.kind, buckets, counts, use.sign);
    }
    return merge;
  }
  return null;
}
