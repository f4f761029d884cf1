import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ReportQuery, type ResolvedQuery } from '../../src/domain/reports/params';
import { ReportService } from '../../src/domain/reports/service';
import type { DurationStats } from '../../src/domain/reports/aggregate';
import { foldReports } from '../../src/domain/reports/rollup';
import { packedBound } from '../../src/domain/reports/packed-query';
import { ReportFixture } from './reports-fixture';

/**
 * Packed histograms (docs/reports.md "Packed histograms"): with the histogram path forced (exactLimit 0),
 * every view answers the same medians and 90th percentiles from packed month-to-date rows as from the
 * row-per-bucket cells, and the same counts and averages as the log (percentiles within the documented
 * bound of the log's exact ones); across a month boundary (Feb → Mar 2026, Berlin), and after a late write
 * to an earlier, already packed day (marked stale by the fold, then packed again).
 */
let t: TestDatabase;
let ws: string;
let f: ReportFixture;
let ann: string;
let ben: string;
let sales: string;
const hist = () => new ReportService(t.db, { exactLimit: 0 });
const at = (day: string, minutes: number, seconds = 0) => new Date(Date.parse(`${day}T08:00:00Z`) + minutes * 60_000 + seconds * 1000).toISOString();

const q = (over: Record<string, unknown>): ResolvedQuery => ({ ...ReportQuery.parse({ from: '2026-02-25', to: '2026-03-05', ...over }), tz: 'Europe/Berlin' });

async function views(r: ReportService) {
  const feb = { from: '2026-02-01', to: '2026-04-01' }; // two whole months
  return {
    summary: await r.summary(ws, q({})),
    wh: await r.summary(ws, q({ workingHours: true })),
    days: await r.series(ws, q({})),
    weeks: await r.series(ws, q({ groupBy: 'week' })),
    months: await r.series(ws, q({ ...feb, groupBy: 'month' })),
    agents: (await r.agents(ws, q({}))).agents.map((a) => [a.name, a.figures]),
    agentsMonths: (await r.agents(ws, q(feb))).agents.map((a) => [a.name, a.figures]),
    midMonth: await r.summary(ws, q({ from: '2026-02-27', to: '2026-03-03' })),
    whole: await r.summary(ws, q(feb)),
    ann: await r.series(ws, q({ agentId: ann })),
    sales: await r.summary(ws, q({ groupId: sales })),
    mobile: await r.summary(ws, q({ channel: 'mobile' })),
    vip: await r.summary(ws, q({ tag: 'vip' })),
  };
}

/** Every duration's stats in a view tree, in order. */
function durations(x: unknown, out: DurationStats[] = []): DurationStats[] {
  if (x && typeof x === 'object') {
    if ('count' in x && 'median' in x && 'p90' in x) out.push(x as DurationStats);
    else for (const v of Object.values(x)) durations(v, out);
  }
  return out;
}

/** Same counts and averages as the log; percentiles within the bound (1 s below 60 s, 1 % above). */
function closeToLog(actual: unknown, log: unknown) {
  const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, val) => (k === 'median' || k === 'p90' || k === 'avg' ? undefined : val)));
  expect(strip(actual)).toEqual(strip(log));
  const a = durations(actual);
  const e = durations(log);
  expect(a.length).toBe(e.length);
  a.forEach((s, i) => {
    if (!e[i].count) return;
    expect(s.avg).toBeCloseTo(e[i].avg!, 6);
    for (const k of ['median', 'p90'] as const) expect(Math.abs(s[k]! - e[i][k]!)).toBeLessThanOrEqual(Math.max(1, 0.01 * e[i][k]!) + 1e-9);
  });
}

/** The views on the row-per-bucket cells: the same database without its pack state (packed rows unread). */
async function rowViews() {
  const { rows } = await t.db.execute<{ through: string; dirty_from: string | null }>(sql`select through::text, dirty_from::text from report_pack_state where workspace_id = ${ws}`);
  await t.db.execute(sql`delete from report_pack_state where workspace_id = ${ws}`);
  try {
    expect(await packedBound(t.db, ws)).toBeNull();
    return await views(hist());
  } finally {
    await t.db.execute(sql`insert into report_pack_state (workspace_id, through, dirty_from) values (${ws}, ${rows[0].through}::date, ${rows[0].dirty_from}::date)`);
  }
}

/** A conversation: durations vary with i, so the percentiles are not all in one bucket. */
async function conversation(day: string, i: number) {
  const agent = i % 3 === 0 ? ben : ann;
  const c = await f.start(at(day, 37 * i), i % 2 ? 'mobile' : 'desktop');
  if (i % 4 === 0) await f.tag(c, 'VIP');
  await f.queue(c, at(day, 37 * i));
  await f.assign(c, agent, at(day, 37 * i, 3 + 7 * i), i % 2 ? sales : null);
  await f.visitor(c, at(day, 37 * i, 20));
  await f.agentSays(c, agent, at(day, 37 * i, 20 + 11 * i + day.charCodeAt(9)));
  await f.visitor(c, at(day, 37 * i, 400));
  await f.agentSays(c, agent, at(day, 37 * i, 400 + 45 * i));
  await f.end(c, at(day, 37 * i, 900 + 131 * i));
}

beforeAll(async () => {
  t = await createTestDatabase();
  const w = await ReportFixture.workspace(t.db, 'Packed');
  ws = w.workspaceId;
  ann = await w.agent('Ann');
  ben = await w.agent('Ben');
  sales = await w.group('Sales');
  f = new ReportFixture(t.db, ws, w.visitorId);
  await f.workingHours({ enabled: true, workspace: { timezone: 'Europe/Berlin', days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '13:00' }]])), holidays: [] }, groups: {} });
  for (const day of ['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-04']) for (let i = 1; i <= 6; i++) await conversation(day, i);
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe('reports: packed histograms', () => {
  it('give the row-per-bucket percentiles and the log counts, across a month boundary and after a late write', async () => {
    const log = await views(hist()); // nothing folded: the log path (exact percentiles)
    await foldReports(t.db);
    const today = (await t.db.execute<{ d: string }>(sql`select (now() at time zone 'Europe/Berlin')::date::text as d`)).rows[0].d;
    expect(await packedBound(t.db, ws)).toBe(today); // every day before today is packed
    // Month to date: the row of Mar 2 holds Mar 1 + Mar 2 (not February), the one of Mar 3 carries it.
    const mtd = async (day: string) =>
      (await t.db.execute<{ n: string }>(sql`select coalesce(sum(c), 0) as n from report_rollup_packed p, unnest(p.counts) c where p.workspace_id = ${ws} and p.level = 0 and p.day = ${day}::date and p.kind = 'resolution' and not p.wh`)).rows[0].n;
    const cells = async (from: string, to: string) =>
      (await t.db.execute<{ n: string }>(sql`select coalesce(sum(n), 0) as n from report_rollup_hist where workspace_id = ${ws} and level = 0 and day >= ${from}::date and day <= ${to}::date and kind = 'resolution' and not wh`)).rows[0].n;
    expect(Number(await mtd('2026-03-02'))).toBe(12);
    expect(await mtd('2026-03-02')).toBe(await cells('2026-03-01', '2026-03-02'));
    expect(await mtd('2026-03-03')).toBe(await mtd('2026-03-02'));
    expect(await mtd('2026-02-28')).toBe(await cells('2026-02-01', '2026-02-28'));

    const packed = await views(hist());
    closeToLog(packed, log);
    expect(packed).toEqual(await rowViews());

    // A late write to Feb 27 (packed): first the tail, then partly folded (a backfill in progress: Feb 27 on
    // is marked stale and read from the day cells), then folded without packing, then packed again. Same
    // figures at every step.
    await conversation('2026-02-27', 7);
    const log2 = await views(new ReportService(t.db, { exactLimit: 1e9 })); // exact percentiles, from the log rows
    const tail = await views(hist());
    closeToLog(tail, log2);
    await foldReports(t.db, { batch: 1, maxBatches: 1 }); // one row of a backfill: not caught up, no re-pack
    expect(await packedBound(t.db, ws)).toBe('2026-02-27');
    expect(await views(hist())).toEqual(tail);
    await foldReports(t.db, { pack: false });
    expect(await packedBound(t.db, ws)).toBe('2026-02-27');
    const stale = await views(hist());
    expect(stale).toEqual(tail);
    await foldReports(t.db);
    expect((await t.db.execute(sql`select dirty_from from report_pack_state where workspace_id = ${ws}`)).rows[0].dirty_from).toBeNull();
    expect(await mtd('2026-02-28')).toBe(await cells('2026-02-01', '2026-02-28'));
    expect(Number(await mtd('2026-02-28'))).toBe(19);
    const repacked = await views(hist());
    expect(repacked).toEqual(tail);
    expect(repacked).toEqual(await rowViews());
  });
});
