import { z } from 'zod';
import { COUNT_METRICS, DURATION_METRICS } from '../../../../domain/reports/aggregate';
import { CHANNELS, GROUP_BYS, ReportQuery } from '../../../../domain/reports/params';
import { operation } from './operation';

/**
 * Reports (F14) for API tokens: the console's figures (docs/reports.md) over the same query. A token has
 * no user, so the query is resolved as an admin's would be: every agent of the workspace unless `agentId`
 * narrows it; the zone is the workspace's working-hours zone unless `tz` is given.
 */

const Day = z.string().meta({ description: 'A day, YYYY-MM-DD' });

const DurationStats = z
  .object({
    count: z.number().int(),
    avg: z.number().nullable(),
    median: z.number().nullable(),
    p90: z.number().nullable(),
  })
  .meta({ id: 'ReportDuration', description: 'Seconds (calendar, or inside working hours with `workingHours`); null when count is 0' });

const record = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);

export const ReportFigures = z
  .object({
    counts: record(COUNT_METRICS, z.number().int()),
    durations: record(DURATION_METRICS, DurationStats),
    rates: z.object({
      abandonment: z.number().nullable().meta({ description: 'abandoned / waited' }),
      csat: z.number().nullable().meta({ description: 'positiveRatings / ratings' }),
      responseRate: z.number().nullable().meta({ description: 'ratings / invitations' }),
    }),
  })
  .meta({ id: 'ReportFigures', description: 'Counts, duration statistics and rates (each rate null when its denominator is 0)' });

export const ResolvedReportQuery = z
  .object({
    from: Day,
    to: Day,
    tz: z.string().meta({ description: 'The IANA zone the days and buckets are in' }),
    groupBy: z.enum(GROUP_BYS),
    agentId: z.uuid().optional(),
    groupId: z.uuid().optional(),
    channel: z.enum(CHANNELS).optional(),
    tag: z.string().optional(),
    workingHours: z.boolean(),
  })
  .meta({ id: 'ReportQuery', description: 'The query the figures answer, with its zone filled in' });

const QUERY_HELP =
  'Range `[from, to)` in days of `tz` (the workspace zone by default), at most 400 days. Filters: `agentId`, `groupId`, `channel` (desktop, mobile, app), `tag`; `workingHours=true` counts durations inside working hours only; `groupBy` (hour, day, week, month) sets the series buckets.';

export const getReportSummary = operation({
  id: 'getReportSummary',
  method: 'get',
  path: '/reports/summary',
  tag: 'Reports',
  summary: 'Totals of a range and of the previous period',
  description: `The figures of the range and of the period of the same length just before it. ${QUERY_HELP}`,
  scopes: ['reports:read'],
  query: ReportQuery,
  response: z
    .object({
      query: ResolvedReportQuery,
      current: ReportFigures,
      previous: ReportFigures,
      previousRange: z.object({ from: Day, to: Day }),
    })
    .meta({ id: 'ReportSummary' }),
});

export const getReportSeries = operation({
  id: 'getReportSeries',
  method: 'get',
  path: '/reports/series',
  tag: 'Reports',
  summary: 'Figures per hour, day, week or month',
  description: `Every bucket of the range (empty ones too) and the total, from the same rows. ${QUERY_HELP}`,
  scopes: ['reports:read'],
  query: ReportQuery,
  response: z
    .object({
      query: ResolvedReportQuery,
      points: z.array(
        z.object({
          bucket: z.string().meta({ description: 'Bucket start, local wall-clock time in `tz`: 2026-03-29T00:00' }),
          figures: ReportFigures,
        }),
      ),
      total: ReportFigures,
    })
    .meta({ id: 'ReportSeries' }),
});

export const getReportAgents = operation({
  id: 'getReportAgents',
  method: 'get',
  path: '/reports/agents',
  tag: 'Reports',
  summary: 'Figures per agent',
  description: `One row per agent credited in the range (by name), with online time, concurrency and occupancy; plus the total. ${QUERY_HELP}`,
  scopes: ['reports:read'],
  query: ReportQuery,
  response: z
    .object({
      query: ResolvedReportQuery,
      agents: z.array(
        z.object({
          agentId: z.uuid(),
          name: z.string(),
          figures: ReportFigures,
          onlineSeconds: z.number().meta({ description: 'Seconds online or busy in the range (clipped at now)' }),
          concurrency: z.number().nullable().meta({ description: 'Average open chats while online; null without online time' }),
          occupancy: z.number().nullable().meta({ description: 'Share of online time with at least one chat; null without online time' }),
        }),
      ),
      total: ReportFigures,
    })
    .meta({ id: 'ReportAgents' }),
});
