import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ReportQuery, type ResolvedQuery } from '../../src/domain/reports/params';
import { ReportService, type ReportFigures } from '../../src/domain/reports/service';
import type { DurationStats } from '../../src/domain/reports/aggregate';
import { ReportFixture } from './reports-fixture';
import { foldReports, rebuildRollups } from '../../src/domain/reports/rollup';
import { rawCycles } from '../../src/domain/reports/raw';

/**
 * THE reports test (F14). ~30 conversations at controlled instants in workspace A (Europe/Berlin, working
 * hours Mon-Fri 09:00-17:00, holiday Fri 2026-03-27; DST starts Sun 2026-03-29 02:00 -> 03:00), and every
 * metric checked against values computed BY HAND from the script below (the comments show the arithmetic).
 * Percentiles are continuous (linear interpolation at (n-1)·p in the sorted list, as docs/reports.md says).
 *
 * Berlin times: before Sun 29 02:00 UTC+1 (cet), after UTC+2 (cest).
 */
const cet = (day: string, time: string) => `2026-03-${day}T${time}+01:00`;
const cest = (day: string, time: string) => `2026-03-${day}T${time}+02:00`;

const WORKING_HOURS = {
  enabled: true,
  workspace: {
    timezone: 'Europe/Berlin',
    days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['sat', 'sun'].includes(d) ? [] : [{ start: '09:00', end: '17:00' }]])),
    holidays: ['2026-03-27'],
  },
  groups: {},
};

let t: TestDatabase;
let reports: ReportService;
let A: string;
let B: string;
let ann: string;
let ben: string;
let bob: string;

const q = (over: Record<string, unknown>): ResolvedQuery => {
  const parsed = ReportQuery.parse({ from: '2026-03-23', to: '2026-03-30', ...over });
  return { ...parsed, tz: (over.tz as string) ?? 'Europe/Berlin' };
};
const stats = (count: number, avg: number, median: number, p90: number): DurationStats => ({ count, avg, median, p90 });
const close = (actual: DurationStats, expected: DurationStats) => {
  expect(actual.count).toBe(expected.count);
  expect(actual.avg).toBeCloseTo(expected.avg!, 6);
  expect(actual.median).toBeCloseTo(expected.median!, 6);
  expect(actual.p90).toBeCloseTo(expected.p90!, 6);
};

beforeAll(async () => {
  t = await createTestDatabase();
  reports = new ReportService(t.db);
  const a = await ReportFixture.workspace(t.db, 'A');
  A = a.workspaceId;
  ann = await a.agent('Ann');
  ben = await a.agent('Ben');
  const sales = await a.group('Sales');
  const support = await a.group('Support');
  const f = new ReportFixture(t.db, A, a.visitorId);
  await f.workingHours(WORKING_HOURS);

  // Agent status: Ann online Tue 09:00-17:00; Ben online Wed 10:00, busy 12:00, offline 13:00.
  await f.status(ann, 'online', cet('24', '09:00:00'));
  await f.status(ann, 'offline', cet('24', '17:00:00'));
  await f.status(ben, 'online', cet('25', '10:00:00'));
  await f.status(ben, 'busy', cet('25', '12:00:00'));
  await f.status(ben, 'offline', cet('25', '13:00:00'));

  // R1..R16, Tue 24: start 10:00 + 15 min·(i-1), assigned to Ann at once (Sales), visitor at +30 s, Ann
  // replies 10·i s later, ends at +10 min. FRT = 30+10i, reply = 10i, resolution = handle = 600.
  const routine: string[] = [];
  for (let i = 1; i <= 16; i++) {
    const s = Date.parse(cet('24', '10:00:00')) + (i - 1) * 15 * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const c = await f.start(iso(s));
    await f.assign(c, ann, iso(s), sales);
    await f.visitor(c, iso(s + 30_000));
    await f.agentSays(c, ann, iso(s + 30_000 + 10_000 * i));
    await f.end(c, iso(s + 600_000));
    routine.push(c);
  }
  // Ratings: R1 invited 10:10, rated 5/5 (positive) 10:11; R2 invited 10:25, rated 3/5 (not) 10:26; R3 invited only.
  await f.invite(routine[0], cet('24', '10:10:00'));
  await f.rate(routine[0], ann, 5, 5, cet('24', '10:11:00'), sales);
  await f.invite(routine[1], cet('24', '10:25:00'));
  await f.rate(routine[1], ann, 5, 3, cet('24', '10:26:00'), sales);
  await f.invite(routine[2], cet('24', '10:40:00'));

  // X1 Wed 25, mobile, tag "billing" (added after the start): queued 10:00, Ben 10:02 (wait 120), visitor
  // 10:00:05 + 10:01:00, Ben 10:03:00 (reply 175, FRT 180, Ben FRT 60), visitor 10:04:00, Ben 10:04:30
  // (reply 30), Ben 10:05:00 (answers nothing), ends 10:10 by visitor (resolution 600, handle 480).
  // Invited 10:10, rated 2/2 (positive) 10:11 then changed to 1/2 at 10:12.
  const x1 = await f.start(cet('25', '10:00:00'), 'mobile');
  await f.tag(x1, 'billing');
  await f.queue(x1, cet('25', '10:00:00'));
  await f.visitor(x1, cet('25', '10:00:05'));
  await f.visitor(x1, cet('25', '10:01:00'));
  await f.assign(x1, ben, cet('25', '10:02:00'), support);
  await f.agentSays(x1, ben, cet('25', '10:03:00'));
  await f.visitor(x1, cet('25', '10:04:00'));
  await f.agentSays(x1, ben, cet('25', '10:04:30'));
  await f.agentSays(x1, ben, cet('25', '10:05:00'));
  await f.end(x1, cet('25', '10:10:00'), 'visitor');
  await f.invite(x1, cet('25', '10:10:00'));
  await f.rate(x1, ben, 2, 2, cet('25', '10:11:00'), support);
  await f.rerate(x1, 1, cet('25', '10:12:00'));

  // X14 Wed 25 (overlaps X1 for Ben): Ben 10:05, visitor 10:05:10, Ben 10:06:10 (reply 60, FRT 70, Ben FRT 70), ends 10:20 (900/900).
  const x14 = await f.start(cet('25', '10:05:00'));
  await f.assign(x14, ben, cet('25', '10:05:00'), support);
  await f.visitor(x14, cet('25', '10:05:10'));
  await f.agentSays(x14, ben, cet('25', '10:06:10'));
  await f.end(x14, cet('25', '10:20:00'));

  // X2 Wed 25, two transfers, a note and a system message: Ann 11:00, visitor 11:00:10, Ann 11:01:10 (reply
  // 60, FRT 70, Ann FRT 70), note 11:01:30, -> Ben 11:02 (system message), visitor 11:02:30, Ben 11:03:30
  // (reply 60, Ben FRT 90), -> Ann 11:05 (no reply), ends 11:06 (360/360).
  const x2 = await f.start(cet('25', '11:00:00'));
  await f.assign(x2, ann, cet('25', '11:00:00'), sales);
  await f.visitor(x2, cet('25', '11:00:10'));
  await f.agentSays(x2, ann, cet('25', '11:01:10'));
  await f.note(x2, ann, cet('25', '11:01:30'));
  await f.transfer(x2, ben, cet('25', '11:02:00'));
  await f.message(x2, 'system', null, cet('25', '11:02:00'));
  await f.visitor(x2, cet('25', '11:02:30'));
  await f.agentSays(x2, ben, cet('25', '11:03:30'));
  await f.transfer(x2, ann, cet('25', '11:05:00'));
  await f.end(x2, cet('25', '11:06:00'));

  // X3 Wed 25: waited 12:00, visitor 12:00:05, left 12:03 unassigned: abandoned (180 s), missed; resolution 180.
  const x3 = await f.start(cet('25', '12:00:00'));
  await f.queue(x3, cet('25', '12:00:00'));
  await f.visitor(x3, cet('25', '12:00:05'));
  await f.end(x3, cet('25', '12:03:00'), 'visitor');

  // X4 Wed 25: waited 12:30, left after 5 s: waited but NOT abandoned (< 10 s); missed; resolution 5.
  const x4 = await f.start(cet('25', '12:30:00'));
  await f.queue(x4, cet('25', '12:30:00'));
  await f.end(x4, cet('25', '12:30:05'), 'visitor');

  // X5 Thu 26: Ben 09:30, visitor 09:30:10, no reply, system ends 09:40: missed (Ben); 600/600.
  const x5 = await f.start(cet('26', '09:30:00'));
  await f.assign(x5, ben, cet('26', '09:30:00'), support);
  await f.visitor(x5, cet('26', '09:30:10'));
  await f.end(x5, cet('26', '09:40:00'), 'system');

  // X6 Thu 26, app, outside working hours: queued 18:00, visitor 18:00:10, Ann 18:05 (wait 300 / wh 0),
  // Ann 18:06 (reply 350/0, FRT 360/0, Ann FRT 60/0), ends 18:20 (1200/0, handle 900/0). Not missed.
  const x6 = await f.start(cet('26', '18:00:00'), 'app');
  await f.queue(x6, cet('26', '18:00:00'));
  await f.visitor(x6, cet('26', '18:00:10'));
  await f.assign(x6, ann, cet('26', '18:05:00'), sales);
  await f.agentSays(x6, ann, cet('26', '18:06:00'));
  await f.end(x6, cet('26', '18:20:00'));

  // X7 Thu 26, across closing time: Ben 16:50, visitor 16:50:30, Ben 17:10:30 (reply 1200 / wh 570, FRT and
  // Ben FRT 1230 / wh 600), ends 17:30 (2400 / wh 600, handle the same).
  const x7 = await f.start(cet('26', '16:50:00'));
  await f.assign(x7, ben, cet('26', '16:50:00'), support);
  await f.visitor(x7, cet('26', '16:50:30'));
  await f.agentSays(x7, ben, cet('26', '17:10:30'));
  await f.end(x7, cet('26', '17:30:00'));

  // X8 Tue 24, reopened: Ann 15:00, visitor 15:00:10, Ann 15:00:40 (reply 30, FRT 40), ends 15:05 (300/300);
  // reopened to Ann 15:30 (cycle 2), visitor 15:31, Ann 15:32 (reply 60, FRT 120, Ann FRT 120), ends 15:40 (600/600).
  const x8 = await f.start(cet('24', '15:00:00'));
  await f.assign(x8, ann, cet('24', '15:00:00'), sales);
  await f.visitor(x8, cet('24', '15:00:10'));
  await f.agentSays(x8, ann, cet('24', '15:00:40'));
  await f.end(x8, cet('24', '15:05:00'));
  await f.reopen(x8, cet('24', '15:30:00'));
  await f.visitor(x8, cet('24', '15:31:00'));
  await f.agentSays(x8, ann, cet('24', '15:32:00'));
  await f.end(x8, cet('24', '15:40:00'));

  // X10 Sun 29, the DST day, mobile: 01:30 CET (00:30Z) Ann, visitor 01:31, Ann 01:32 (reply 60/0, FRT
  // 120/0), ends 03:30 CEST (01:30Z): one hour of calendar time (3600), none inside working hours.
  const x10 = await f.start(cet('29', '01:30:00'), 'mobile');
  await f.assign(x10, ann, cet('29', '01:30:00'), sales);
  await f.visitor(x10, cet('29', '01:31:00'));
  await f.agentSays(x10, ann, cet('29', '01:32:00'));
  await f.end(x10, cest('29', '03:30:00'));

  // X11 Mon 23 00:30 Berlin (Sun 22 23:30Z): waited, left after 60 s: abandoned; closed, so not missed; 60 / wh 0.
  const x11 = await f.start(cet('23', '00:30:00'));
  await f.queue(x11, cet('23', '00:30:00'));
  await f.end(x11, cet('23', '00:31:00'), 'visitor');

  // X12 Mon 30 00:30 CEST (Sun 29 22:30Z): outside the Berlin range, inside the UTC one; abandoned after 20 s.
  const x12 = await f.start(cest('30', '00:30:00'));
  await f.queue(x12, cest('30', '00:30:00'));
  await f.end(x12, cest('30', '00:30:20'), 'visitor');

  // X13 Fri 27, a holiday: Ben 10:00, visitor 10:00:10, no reply, ends 10:05: not missed (closed); 300 / wh 0.
  const x13 = await f.start(cet('27', '10:00:00'));
  await f.assign(x13, ben, cet('27', '10:00:00'), support);
  await f.visitor(x13, cet('27', '10:00:10'));
  await f.end(x13, cet('27', '10:05:00'));

  // P1 Wed 18 (previous period): Ann 10:00, visitor 10:00:10, Ann 10:00:40 (FRT 40), ends 10:05.
  const p1 = await f.start(cet('18', '10:00:00'));
  await f.assign(p1, ann, cet('18', '10:00:00'), sales);
  await f.visitor(p1, cet('18', '10:00:10'));
  await f.agentSays(p1, ann, cet('18', '10:00:40'));
  await f.end(p1, cet('18', '10:05:00'));

  // Workspace B (another tenant) with busy days in the same range: never in A's figures.
  const b = await ReportFixture.workspace(t.db, 'B');
  B = b.workspaceId;
  bob = await b.agent('Bob');
  const g = new ReportFixture(t.db, B, b.visitorId);
  for (let i = 0; i < 3; i++) {
    const c = await g.start(cet('24', `1${i}:00:00`));
    await g.queue(c, cet('24', `1${i}:00:00`));
    await g.visitor(c, cet('24', `1${i}:00:01`));
    await g.assign(c, bob, cet('24', `1${i}:01:00`));
    await g.agentSays(c, bob, cet('24', `1${i}:02:00`));
    await g.end(c, cet('24', `1${i}:09:00`));
  }
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

/** The hand-computed table: workspace A, Europe/Berlin, [2026-03-23, 2026-03-30), calendar time. */
const EXPECTED_COUNTS = {
  conversations: 29, // 16 routine + X1-X8, X10, X11, X13, X14 (12) + X8's second cycle
  reopens: 1,
  messagesIn: 30, // 16 + X1 3 + X2 2 + X3 1 + X5 1 + X6 1 + X7 1 + X8 2 + X10 1 + X13 1 + X14 1
  messagesOut: 27, // 16 + X1 3 + X2 2 + X6 1 + X7 1 + X8 2 + X10 1 + X14 1 (system message and note excluded)
  chats: 28, // 26 first assignments + 2 transfers
  transfers: 2,
  queued: 5, // X1 X3 X4 X6 X11
  waited: 5,
  abandoned: 2, // X3 (180 s), X11 (60 s); X4 left after 5 s
  missed: 3, // X3, X4, X5 (X11 closed, X13 holiday)
  ratings: 3, // R1, R2, X1 (changed: -1 +1)
  positiveRatings: 1, // R1 (X1's positive was taken back)
  invitations: 4,
};
const EXPECTED_CALENDAR = {
  // X1 120, X6 300: avg 210, median 210, p90 120 + 0.9·180 = 282
  queueWait: stats(2, 210, 210, 282),
  // sorted: 40 40 50 60 70 70 70 80 90 100 110 120 120 120 130 140 150 160 170 180 180 190 360 1230 (sum 4030)
  firstResponse: stats(24, 4030 / 24, 120, 180 + 0.7 * 10),
  // sorted: 40 40 50 60 60 60 70 70 70 80 90 90 100 110 120 120 120 130 140 150 160 170 180 190 1230 (sum 3700)
  agentFirstResponse: stats(25, 148, 100, 170 + 0.6 * 10),
  // sorted: 10 20 30 30 30 40 50 60×6 70 80 90 100 110 120 130 140 150 160 175 350 1200 (sum 3445)
  replyTime: stats(26, 132.5, 65, 160 + 0.5 * 15),
  // 5 60 180 300 300 360 600×19 900 1200 2400 3600 (sum 20705)
  resolution: stats(29, 20705 / 29, 600, 900 + 0.2 * 300),
  // 300 300 360 480 600×18 900 900 2400 3600 (sum 20040)
  handle: stats(26, 20040 / 26, 600, 900),
};
const EXPECTED_WORKING_HOURS = {
  // X1 120, X6 0
  queueWait: stats(2, 60, 60, 108),
  // 0 0 40 40 50 60 70 70 70 80 90 100 110 120 120 130 140 150 160 170 180 180 190 600 (sum 2920)
  firstResponse: stats(24, 2920 / 24, 105, 180),
  // 0 0 10 20 30 30 30 40 50 60×5 70 80 90 100 110 120 130 140 150 160 175 570 (sum 2405)
  replyTime: stats(26, 2405 / 26, 60, 155),
  // 0 0 0 0 5 180 300 360 600×20 900 (sum 13745)
  resolution: stats(29, 13745 / 29, 600, 600),
  // 0 0 0 300 360 480 600×19 900 (sum 13440)
  handle: stats(26, 13440 / 26, 600, 600),
};

function expectCounts(f: ReportFigures, expected: Partial<Record<keyof typeof EXPECTED_COUNTS, number>>) {
  for (const [k, v] of Object.entries(expected)) expect([k, f.counts[k as keyof typeof EXPECTED_COUNTS]]).toEqual([k, v]);
}

describe('reports: every F14 metric against hand-computed values', () => {
  it('summary, calendar time (Europe/Berlin)', async () => {
    const { current, previous, previousRange } = await reports.summary(A, q({}));
    expectCounts(current, EXPECTED_COUNTS);
    for (const [k, v] of Object.entries(EXPECTED_CALENDAR)) close(current.durations[k as keyof typeof EXPECTED_CALENDAR], v);
    expect(current.rates.abandonment).toBeCloseTo(2 / 5, 9);
    expect(current.rates.csat).toBeCloseTo(1 / 3, 9);
    expect(current.rates.responseRate).toBeCloseTo(3 / 4, 9);
    // Previous period [03-16, 03-23): P1 only.
    expect(previousRange).toEqual({ from: '2026-03-16', to: '2026-03-23' });
    expectCounts(previous, { conversations: 1, messagesIn: 1, messagesOut: 1, chats: 1, missed: 0 });
    close(previous.durations.firstResponse, stats(1, 40, 40, 40));
    close(previous.durations.resolution, stats(1, 300, 300, 300));
  });

  it('summary, working hours only', async () => {
    const { current } = await reports.summary(A, q({ workingHours: 'true' }));
    expectCounts(current, EXPECTED_COUNTS); // counts do not depend on the toggle
    for (const [k, v] of Object.entries(EXPECTED_WORKING_HOURS)) close(current.durations[k as keyof typeof EXPECTED_WORKING_HOURS], v);
  });

  it('series: days in Berlin; the buckets add up to the summary (one query path)', async () => {
    const { points, total } = await reports.series(A, q({ groupBy: 'day' }));
    expect(points.map((p) => [p.bucket, p.figures.counts.conversations])).toEqual([
      ['2026-03-23T00:00', 1], // X11
      ['2026-03-24T00:00', 18], // 16 routine + X8 twice
      ['2026-03-25T00:00', 5], // X1 X2 X3 X4 X14
      ['2026-03-26T00:00', 3], // X5 X6 X7
      ['2026-03-27T00:00', 1], // X13
      ['2026-03-28T00:00', 0],
      ['2026-03-29T00:00', 1], // X10
    ]);
    expect(points.reduce((n, p) => n + p.figures.counts.messagesIn, 0)).toBe(30);
    expectCounts(total, EXPECTED_COUNTS);
    close(total.durations.resolution, EXPECTED_CALENDAR.resolution);
    // Thu 26: resolutions X5 600, X6 1200, X7 2400 -> avg 1400, median 1200, p90 1200 + 0.8·1200 = 2160
    close(points[3].figures.durations.resolution, stats(3, 1400, 1200, 2160));
  });

  it('series: hours on the DST day are wall-clock hours in the zone', async () => {
    const { points } = await reports.series(A, q({ from: '2026-03-29', to: '2026-03-30', groupBy: 'hour' }));
    const nonEmpty = points.filter((p) => p.figures.counts.conversations || p.figures.durations.resolution.count);
    expect(nonEmpty.map((p) => [p.bucket, p.figures.counts.conversations, p.figures.durations.resolution.count])).toEqual([
      ['2026-03-29T01:00', 1, 0], // X10 starts 01:30 CET
      ['2026-03-29T03:00', 0, 1], // and ends 03:30 CEST, one real hour later
    ]);
    expect(nonEmpty[1].figures.durations.resolution.avg).toBe(3600);
  });

  it('series: weeks start on Monday, months on the 1st', async () => {
    const weeks = await reports.series(A, q({ from: '2026-03-16', to: '2026-03-30', groupBy: 'week' }));
    expect(weeks.points.map((p) => [p.bucket, p.figures.counts.conversations])).toEqual([
      ['2026-03-16T00:00', 1],
      ['2026-03-23T00:00', 29],
    ]);
    const months = await reports.series(A, q({ groupBy: 'month' }));
    expect(months.points.map((p) => [p.bucket, p.figures.counts.conversations])).toEqual([['2026-03-01T00:00', 29]]);
  });

  it('a second time zone moves the range and the buckets (UTC)', async () => {
    const { current } = await reports.summary(A, q({ tz: 'UTC' }));
    // X11 (Sun 22 23:30Z) falls out, X12 (Sun 29 22:30Z) comes in.
    expectCounts(current, { conversations: 29, queued: 5, waited: 5, abandoned: 2, missed: 3, messagesIn: 30 });
    const { points } = await reports.series(A, q({ tz: 'UTC', groupBy: 'day' }));
    expect(points.map((p) => p.figures.counts.conversations)).toEqual([0, 18, 5, 3, 1, 0, 2]);
  });

  it('filters: agent, group, channel, tag (tags as they were when each row was written)', async () => {
    const ben1 = (await reports.summary(A, q({ agentId: ben }))).current;
    // Ben: X1 X5 X7 X13 X14 assigned + X2 transferred in; his messages; visitor messages while he held the chat.
    // Conversations under an agent filter: the cycles Ben handled (held last): X1 X14 X5 X7 X13 = 5 (X2 went
    // back to Ann). Before attribution this figure was 0 (start rows carry no agent).
    expectCounts(ben1, { chats: 6, transfers: 1, messagesOut: 6, messagesIn: 6, missed: 1, ratings: 1, positiveRatings: 0, invitations: 1, conversations: 5, reopens: 0 });
    close(ben1.durations.agentFirstResponse, stats(4, 362.5, 80, 90 + 0.7 * 1140)); // 60 70 90 1230
    const support = (await reports.summary(A, q({ groupId: (await groupId('Support'))! }))).current;
    expectCounts(support, { chats: 5, missed: 1, conversations: 5 }); // X1 X5 X7 X13 X14 (handled in Support)
    // Attribution, by hand: Sales handled 16 routine + X2 (back with Ann, group kept) + X6 + X8 (2 cycles) + X10
    // = 21, one of them a reopen; Ann the same 21; Ann + Ben = 26 = the cycles ever assigned (29 - X3 X4 X11).
    const sales = (await reports.summary(A, q({ groupId: (await groupId('Sales'))! }))).current;
    expectCounts(sales, { conversations: 21, reopens: 1 });
    const ann1 = (await reports.summary(A, q({ agentId: ann }))).current;
    expectCounts(ann1, { conversations: 21, reopens: 1 });
    // Ben on mobile: X1 only = 1. Ben per day: Wed X1 X14 = 2, Thu X5 X7 = 2, Fri X13 = 1.
    expectCounts((await reports.summary(A, q({ agentId: ben, channel: 'mobile' }))).current, { conversations: 1 });
    const benDays = (await reports.series(A, q({ agentId: ben }))).points.map((p) => p.figures.counts.conversations);
    expect(benDays).toEqual([0, 0, 2, 2, 1, 0, 0]);
    // Busiest hours for Ben, at each cycle's start: Wed 10h X1 X14 = 2, Thu 9h X5, Thu 16h X7, Fri 10h X13.
    const benCells = (await reports.heatmap(A, q({ agentId: ben }))).cells.map((c) => [c.weekday, c.hour, c.conversations]);
    expect(benCells).toEqual([[3, 10, 2], [4, 9, 1], [4, 16, 1], [5, 10, 1]]);
    // The raw CSV keeps the same cycles: Ben's 5 (X2 is Ann's), Support's 5, Sales' 21.
    const rawCount = async (over: Record<string, unknown>) => {
      let n = 0;
      for await (const page of rawCycles(t.db, A, q(over))) n += page.length;
      return n;
    };
    expect(await rawCount({ agentId: ben })).toBe(5);
    expect(await rawCount({ groupId: (await groupId('Support'))! })).toBe(5);
    expect(await rawCount({ groupId: (await groupId('Sales'))! })).toBe(21);
    const mobile = (await reports.summary(A, q({ channel: 'mobile' }))).current;
    expectCounts(mobile, { conversations: 2, messagesIn: 4, messagesOut: 4 }); // X1, X10
    const billing = (await reports.summary(A, q({ tag: 'BILLING' }))).current;
    // X1 was tagged after it started: its start row has no tag, everything after has.
    expectCounts(billing, { conversations: 0, messagesIn: 3, messagesOut: 3, ratings: 1, positiveRatings: 0 }); // rated after tagging: +1, -1, +1
    close(billing.durations.resolution, stats(1, 600, 600, 600));
  });

  it('agent table: per-agent figures, concurrency and occupancy', async () => {
    const { agents, total } = await reports.agents(A, q({}));
    expect(agents.map((a) => a.name)).toEqual(['Ann', 'Ben']);
    const [a, b] = agents;
    // Ann online Tue 09:00-17:00 (28800 s); holds 16×10 min + X8 5 + 10 min = 175 min, never two at once.
    expect(a.onlineSeconds).toBe(28_800);
    expect(a.occupancy).toBeCloseTo(175 / 480, 9);
    expect(a.concurrency).toBeCloseTo(175 / 480, 9);
    // Ben online Wed 10:00-13:00 (busy counts as online: 10800 s); X1 10:02-10:10, X14 10:05-10:20, X2 11:02-11:05:
    // >=1 chat 3+5+10+3 = 21 min, chat-minutes 3 + 2·5 + 10 + 3 = 26.
    expect(b.onlineSeconds).toBe(10_800);
    expect(b.occupancy).toBeCloseTo(21 / 180, 9);
    expect(b.concurrency).toBeCloseTo(26 / 180, 9);
    expectCounts(a.figures, { chats: 22, ratings: 2, positiveRatings: 1, conversations: 21 }); // 21 assigned + X2 transfer back; handled 21 (above)
    expectCounts(b.figures, { conversations: 5 }); // X1 X14 X5 X7 X13
    expect(a.figures.rates.csat).toBeCloseTo(0.5, 9);
    expectCounts(total, EXPECTED_COUNTS);
  });

  it('busiest hours: conversations by weekday × hour in the zone', async () => {
    const { cells } = await reports.heatmap(A, q({}));
    expect(cells.map((c) => [c.weekday, c.hour, c.conversations])).toEqual([
      [1, 0, 1],
      [2, 10, 4],
      [2, 11, 4],
      [2, 12, 4],
      [2, 13, 4],
      [2, 15, 2],
      [3, 10, 2],
      [3, 11, 1],
      [3, 12, 2],
      [4, 9, 1],
      [4, 16, 1],
      [4, 18, 1],
      [5, 10, 1],
      [7, 1, 1],
    ]);
  });

  it('tenancy: another workspace never appears; an agent sees only their own figures', async () => {
    const other = (await reports.summary(B, q({}))).current;
    expectCounts(other, { conversations: 3, messagesIn: 3, messagesOut: 3, chats: 3 });
    // A's agent id in B's report, B's agent in A's report: nothing.
    expectCounts((await reports.summary(B, q({ agentId: ann }))).current, { chats: 0, messagesOut: 0 });
    expectCounts((await reports.summary(A, q({ agentId: bob }))).current, { chats: 0, messagesOut: 0 });
    const asAnn = await reports.resolve(A, ReportQuery.parse({ from: '2026-03-23', to: '2026-03-30', agentId: ben }), { id: ann, role: 'agent' });
    expect(asAnn.agentId).toBe(ann);
    expect(asAnn.tz).toBe('Europe/Berlin'); // the workspace's zone by default
    const mine = await reports.agents(A, asAnn);
    expect(mine.agents.map((x) => x.name)).toEqual(['Ann']);
  });

  it('backfill rebuilds the log of conversations written before it, idempotently', async () => {
    // Forget X-rows of workspace B and rebuild them from its conversations.
    await t.db.execute(sql`delete from report_events where workspace_id = ${B} and kind <> 'agent_status'`);
    await t.db.execute(sql`delete from report_state where workspace_id = ${B}`);
    const first = await t.db.execute<{ n: number }>(sql`select lc_report_backfill(${B}) as n`);
    expect(first.rows[0].n).toBe(3);
    const again = await t.db.execute<{ n: number }>(sql`select lc_report_backfill(${B}) as n`);
    expect(again.rows[0].n).toBe(0);
    const { current } = await reports.summary(B, q({}));
    expectCounts(current, { conversations: 3, messagesIn: 3, messagesOut: 3, chats: 3, queued: 3, waited: 3, abandoned: 0 });
    // queued 10:00, assigned 10:01: 60 s each; reply 10:02 - 10:00:01 = 119 s
    close(current.durations.queueWait, stats(3, 60, 60, 60));
    close(current.durations.replyTime, stats(3, 119, 119, 119));
  });

  it('rollups: after a fold every view answers the same figures; the unfolded tail counts; a zone change rebuilds', async () => {
    const views = async (r: ReportService) => ({
      summary: await r.summary(A, q({})),
      wh: await r.summary(A, q({ workingHours: true })),
      days: (await r.series(A, q({}))).points,
      weeks: (await r.series(A, q({ groupBy: 'week' }))).points,
      agents: (await r.agents(A, q({}))).agents,
      ben: await r.summary(A, q({ agentId: ben })),
      benMobile: await r.summary(A, q({ agentId: ben, channel: 'mobile' })),
      mobile: await r.summary(A, q({ channel: 'mobile' })),
      heat: (await r.heatmap(A, q({}))).cells,
      heatBen: (await r.heatmap(A, q({ agentId: ben }))).cells,
      utc: await r.summary(A, q({ tz: 'UTC' })),
      // Tag cells (levels 5-9), month cells (levels + 10: March is a whole month of this range).
      billing: await r.summary(A, q({ tag: 'BILLING' })),
      billingMobile: await r.summary(A, q({ tag: 'billing', channel: 'mobile' })),
      billingBen: await r.summary(A, q({ tag: 'billing', agentId: ben })),
      heatBilling: (await r.heatmap(A, q({ tag: 'billing' }))).cells,
      months: (await r.series(A, q({ groupBy: 'month' }))).points,
      march: await r.summary(A, q({ from: '2026-02-25', to: '2026-04-03' })),
      marchAgents: (await r.agents(A, q({ from: '2026-02-25', to: '2026-04-03' }))).agents,
      marchSales: await r.summary(A, q({ from: '2026-02-25', to: '2026-04-03', groupId: (await groupId('Sales'))! })),
    });
    const fromLog = await views(reports); // nothing folded yet: the log path
    const folded = await foldReports(t.db);
    expect(folded.folded).toBeGreaterThan(0);
    expect((await t.db.execute(sql`select 1 from report_rollup where workspace_id = ${A} limit 1`)).rows).toHaveLength(1);
    expect(await views(reports)).toEqual(fromLog); // rollups (+ exact percentiles: few values)
    // ... and the agent table's concurrency / occupancy came from the agent-day cells (Ann, Tue 24: online
    // 09:00-17:00, 175 min with one chat), not from a sweep of the log.
    const annTue = await t.db.execute<{ online_ms: string; busy_ms: string; chat_ms: string }>(
      sql`select online_ms, busy_ms, chat_ms from report_agent_day where workspace_id = ${A} and agent_id = ${ann} and day = '2026-03-24'`,
    );
    expect(annTue.rows.map((r) => [r.online_ms, r.busy_ms, r.chat_ms].map(Number))).toEqual([[28_800_000, 175 * 60_000, 175 * 60_000]]);
    // March as one month cell: the 29 cycles of the range + P1 (18th) + X12 (30th, Berlin) = 31.
    const march = await t.db.execute<{ n: string }>(sql`select n from report_rollup where workspace_id = ${A} and level = 10 and day = '2026-03-01' and kind = 'cycle_started'`);
    expect(march.rows.map((r) => Number(r.n))).toEqual([31]);
    expect((await foldReports(t.db)).folded).toBe(0); // idempotent: nothing new

    // Histogram percentiles (forced): counts and averages exact; medians / p90 exact for whole seconds
    // below 60 s, within 1 % above (a percentile interpolates between two values, each within 1 %).
    const hist = (await new ReportService(t.db, { exactLimit: 0 }).summary(A, q({}))).current;
    expectCounts(hist, EXPECTED_COUNTS);
    for (const [m, e] of Object.entries(EXPECTED_CALENDAR)) {
      const h = hist.durations[m as keyof typeof EXPECTED_CALENDAR];
      expect([m, h.count]).toEqual([m, e.count]);
      expect(h.avg).toBeCloseTo(e.avg!, 6);
      for (const k of ['median', 'p90'] as const) {
        expect(Math.abs(h[k]! - e[k]!), `${m} ${k}: ${h[k]} vs ${e[k]}`).toBeLessThanOrEqual(0.01 * e[k]! + 1e-9);
      }
    }

    // The same from the tag cells' histograms (X1's resolution, 600 s).
    const billingHist = (await new ReportService(t.db, { exactLimit: 0 }).summary(A, q({ tag: 'billing' }))).current.durations.resolution;
    expect(billingHist.count).toBe(1);
    for (const v of [billingHist.median!, billingHist.p90!]) expect(Math.abs(v - 600)).toBeLessThanOrEqual(6);

    // The tail: a workspace's rows after the watermark are read from the log.
    const c = await ReportFixture.workspace(t.db, 'C');
    const fc = new ReportFixture(t.db, c.workspaceId, c.visitorId);
    await fc.start(cet('24', '10:00:00'));
    await foldReports(t.db);
    await fc.start(cet('24', '11:00:00')); // not folded
    const cq = { ...q({}), tz: 'UTC' };
    expectCounts((await reports.summary(c.workspaceId, cq)).current, { conversations: 2 });
    await foldReports(t.db);
    expectCounts((await reports.summary(c.workspaceId, cq)).current, { conversations: 2 });

    // A transaction still writing the log holds the fold back (its ids may be below newer committed ones):
    // the fold is skipped, not advanced past it; once it commits, its rows are folded.
    const writer = await t.db.$client.connect();
    try {
      await writer.query('begin');
      await writer.query(`insert into report_events (workspace_id, kind, at) values ($1, 'cycle_started', $2)`, [c.workspaceId, cet('24', '12:00:00')]);
      expect((await foldReports(t.db, { lockTimeoutMs: 100 })).skipped).toBe('busy');
      await writer.query('commit');
    } finally {
      writer.release();
    }
    await foldReports(t.db);
    expectCounts((await reports.summary(c.workspaceId, cq)).current, { conversations: 3 });

    // Agent-time cells: Cy online Tue 24 09:00-13:00 with one chat 09:30-10:30. A status pair written later
    // for Mon 23 (before the cells' last day: a late write) sends the table to the log path until the next
    // fold sweeps that day again; the figures never change between the two paths.
    const cy = await c.agent('Cy');
    await fc.status(cy, 'online', cet('24', '09:00:00'));
    const cc = await fc.start(cet('24', '09:30:00'));
    await fc.assign(cc, cy, cet('24', '09:30:00'));
    await fc.end(cc, cet('24', '10:30:00'));
    await fc.status(cy, 'offline', cet('24', '13:00:00'));
    const cyTime = async () => (await reports.agents(c.workspaceId, cq)).agents.map((a) => [a.name, a.onlineSeconds, a.occupancy, a.concurrency]);
    const cyCells = async () => Number((await t.db.execute<{ n: string }>(sql`select coalesce(sum(online_ms), 0) as n from report_agent_day where agent_id = ${cy}`)).rows[0].n);
    expect(await cyTime()).toEqual([['Cy', 4 * 3600, 0.25, 0.25]]); // the log (not folded yet)
    await foldReports(t.db);
    expect(await cyCells()).toBe(4 * 3600_000);
    expect(await cyTime()).toEqual([['Cy', 4 * 3600, 0.25, 0.25]]); // the cells
    await fc.status(cy, 'online', cet('23', '10:00:00'));
    await fc.status(cy, 'offline', cet('23', '12:00:00'));
    expect(await cyTime()).toEqual([['Cy', 6 * 3600, 1 / 6, 1 / 6]]); // the log: the cells miss Mon 23
    await foldReports(t.db);
    expect(await cyCells()).toBe(6 * 3600_000);
    expect(await cyTime()).toEqual([['Cy', 6 * 3600, 1 / 6, 1 / 6]]); // the cells again

    // A zone change rebuilds the workspace's day cells in the new zone: UTC figures now from rollups, same values.
    await t.db.execute(sql`update settings set value = jsonb_set(value, '{workspace,timezone}', '"UTC"') where workspace_id = ${A} and section = 'workingHours'`);
    expect((await foldReports(t.db)).rebuilt).toBe(1);
    expect((await t.db.execute<{ tz: string }>(sql`select tz from report_rollup_zone where workspace_id = ${A}`)).rows[0].tz).toBe('UTC');
    expect(await reports.summary(A, q({ tz: 'UTC' }))).toEqual(fromLog.utc);
    await t.db.execute(sql`update settings set value = jsonb_set(value, '{workspace,timezone}', '"Europe/Berlin"') where workspace_id = ${A} and section = 'workingHours'`);
    await rebuildRollups(t.db);
    expect(await views(reports)).toEqual(fromLog);
  });
});

async function groupId(name: string): Promise<string | undefined> {
  const { rows } = await t.db.execute<{ id: string }>(sql`select id from skill_groups where workspace_id = ${A} and name = ${name}`);
  return rows[0]?.id;
}
