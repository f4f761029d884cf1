import { describe, expect, it } from 'vitest';
import { packedPoints } from '../../src/domain/reports/packed-query';
import { addDays } from '../../src/domain/reports/params';

/** Which month-to-date rows a range reads, and with which sign (docs/reports.md "Packed histograms"). */
describe('packedPoints', () => {
  const asObject = (m: Map<string, { key: string | null; sign: number }[]>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

  it('a range over a month boundary: the end of each month piece, minus the day before a piece not starting on the 1st', () => {
    expect(asObject(packedPoints('2026-02-25', '2026-03-05', 'none', 'day'))).toEqual({
      '2026-02-24': [{ key: null, sign: -1 }],
      '2026-02-28': [{ key: null, sign: 1 }],
      '2026-03-04': [{ key: null, sign: 1 }],
    });
  });

  it('weeks (Monday) are cut at the 1st of a month too', () => {
    // 2026-03-02 is a Monday; the week of Feb 23 runs into March.
    expect(asObject(packedPoints('2026-02-25', '2026-03-05', 'bucket', 'week'))).toEqual({
      '2026-02-24': [{ key: '2026-02-23T00:00', sign: -1 }],
      '2026-02-28': [{ key: '2026-02-23T00:00', sign: 1 }],
      '2026-03-01': [
        { key: '2026-02-23T00:00', sign: 1 },
        { key: '2026-03-02T00:00', sign: -1 },
      ],
      '2026-03-04': [{ key: '2026-03-02T00:00', sign: 1 }],
    });
  });

  it('any split gives back each bucket’s sum of days (simulated month-to-date counts)', () => {
    const days: string[] = [];
    for (let d = '2025-12-20'; d < '2026-03-10'; d = addDays(d, 1)) days.push(d);
    const perDay = new Map(days.map((d, i) => [d, (i * 7919) % 13]));
    const mtd = new Map<string, number>();
    days.forEach((d, i) => mtd.set(d, perDay.get(d)! + (d.endsWith('-01') || i === 0 ? 0 : mtd.get(days[i - 1])!)));
    for (const groupBy of ['day', 'week', 'month'] as const) {
      for (const [from, to] of [['2025-12-28', '2026-03-03'], ['2026-01-01', '2026-02-01'], ['2026-01-15', '2026-01-16']]) {
        const got = new Map<string | null, number>();
        for (const [day, uses] of packedPoints(from, to, 'bucket', groupBy)) for (const u of uses) got.set(u.key, (got.get(u.key) ?? 0) + u.sign * mtd.get(day)!);
        const want = new Map<string | null, number>();
        for (const d of days.filter((d) => d >= from && d < to)) {
          const key = groupBy === 'day' ? `${d}T00:00` : groupBy === 'month' ? `${d.slice(0, 8)}01T00:00` : `${addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7))}T00:00`;
          want.set(key, (want.get(key) ?? 0) + perDay.get(d)!);
        }
        expect([groupBy, from, Object.fromEntries([...got].filter(([, n]) => n !== 0))]).toEqual([groupBy, from, Object.fromEntries([...want].filter(([, n]) => n !== 0))]);
      }
    }
  });
});
