import { COUNT_METRICS, DURATION_METRICS } from './aggregate';
import type { ResolvedQuery } from './params';
import type { ReportFigures, ReportService } from './service';

/**
 * "CSV of what is on screen" (F14): the same figures as the console's views, from the same service calls
 * (same filters, working-hours toggle and buckets). Durations in seconds (one decimal), rates 0..1.
 */
export const EXPORT_VIEWS = ['summary', 'series', 'agents', 'heatmap'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

const RATES = ['abandonment', 'csat', 'responseRate'] as const;

export const FIGURE_COLUMNS = [
  ...COUNT_METRICS,
  ...RATES.map((r) => `${r}Rate`),
  ...DURATION_METRICS.flatMap((m) => [`${m}Count`, `${m}AvgS`, `${m}MedianS`, `${m}P90S`]),
];

const round = (n: number | null, digits = 1) => (n === null ? '' : Math.round(n * 10 ** digits) / 10 ** digits);

export function figureCells(f: ReportFigures): unknown[] {
  return [
    ...COUNT_METRICS.map((m) => f.counts[m]),
    ...RATES.map((r) => round(f.rates[r], 4)),
    ...DURATION_METRICS.flatMap((m) => {
      const d = f.durations[m];
      return [d.count, round(d.avg), round(d.median), round(d.p90)];
    }),
  ];
}

export async function exportRows(reports: ReportService, workspaceId: string, q: ResolvedQuery, view: ExportView): Promise<{ header: string[]; rows: unknown[][] }> {
  if (view === 'series') {
    const { points, total } = await reports.series(workspaceId, q);
    return {
      header: ['bucket', ...FIGURE_COLUMNS],
      rows: [...points.map((p) => [p.bucket, ...figureCells(p.figures)]), ['total', ...figureCells(total)]],
    };
  }
  if (view === 'agents') {
    const { agents } = await reports.agents(workspaceId, q);
    return {
      header: ['agent', 'onlineS', 'concurrency', 'occupancy', ...FIGURE_COLUMNS],
      rows: agents.map((a) => [a.name, Math.round(a.onlineSeconds), round(a.concurrency, 4), round(a.occupancy, 4), ...figureCells(a.figures)]),
    };
  }
  if (view === 'heatmap') {
    const { cells } = await reports.heatmap(workspaceId, q);
    return { header: ['weekday', 'hour', 'conversations'], rows: cells.map((c) => [c.weekday, c.hour, c.conversations]) };
  }
  const { current, previous, previousRange } = await reports.summary(workspaceId, q);
  return {
    header: ['period', 'from', 'to', ...FIGURE_COLUMNS],
    rows: [
      ['current', q.from, q.to, ...figureCells(current)],
      ['previous', previousRange.from, previousRange.to, ...figureCells(previous)],
    ],
  };
}
