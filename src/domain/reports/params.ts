import { z } from 'zod';
import { isTimeZone } from '../../lib/time-zone';

/** Report query (F14): `[from, to)` in days of an IANA zone, buckets, filters, working-hours toggle. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-29').refine((d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}, 'Not a real date');

export const GROUP_BYS = ['hour', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const CHANNELS = ['desktop', 'mobile', 'app'] as const;

/** Longest range a report covers (keeps hourly series and scans bounded). */
export const MAX_RANGE_DAYS = 400;

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'on');

export const ReportQuery = z
  .object({
    from: Day,
    to: Day,
    /** IANA zone; the workspace's by default (filled in by the caller). */
    tz: z.string().max(64).refine(isTimeZone, 'Unknown time zone').optional(),
    groupBy: z.enum(GROUP_BYS, { message: 'Group by hour, day, week or month' }).default('day'),
    agentId: z.uuid('Unknown agent').optional(),
    groupId: z.uuid('Unknown skill group').optional(),
    channel: z.enum(CHANNELS, { message: 'Channel is desktop, mobile or app' }).optional(),
    tag: z.string().trim().min(1).max(64).optional(),
    workingHours: flag.default(false),
  })
  .refine((q) => q.from < q.to, { message: 'The end date must be after the start date', path: ['to'] })
  .refine((q) => daysBetween(q.from, q.to) <= MAX_RANGE_DAYS, { message: `A report covers at most ${MAX_RANGE_DAYS} days`, path: ['to'] });
export type ReportQueryInput = z.input<typeof ReportQuery>;
export type ReportQuery = z.output<typeof ReportQuery> & { tz?: string };
/** A query with its zone decided. */
export type ResolvedQuery = ReportQuery & { tz: string };

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The previous period: as many days, ending where this one starts. */
export function previousPeriod<Q extends { from: string; to: string }>(q: Q): Q {
  const days = daysBetween(q.from, q.to);
  return { ...q, from: addDays(q.from, -days), to: q.from };
}
