'use client';

import type { ReportFigures, SeriesPoint } from '@/domain/reports/service';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { bucketLabel, duration, percent, type ReportState } from './state';
import { CountBars } from './CountBars';

/** The queue: how many waited, how long, how many left before an agent took them. */
export function QueueView({ total, points, groupBy }: { total: ReportFigures; points: SeriesPoint[]; groupBy: ReportState['groupBy'] }) {
  const w = total.durations.queueWait;
  const stats = [
    ['Entered the queue', total.counts.queued.toLocaleString('en-GB')],
    ['Waited (ended in range)', total.counts.waited.toLocaleString('en-GB')],
    ['Left unassigned', total.counts.abandoned.toLocaleString('en-GB')],
    ['Abandonment rate', percent(total.rates.abandonment)],
    ['Wait: average', duration(w.avg)],
    ['Wait: median', duration(w.median)],
    ['Wait: 90th percentile', duration(w.p90)],
  ];
  const data = points.map((p) => ({ label: bucketLabel(p.bucket, groupBy), waited: p.figures.counts.waited, abandoned: p.figures.counts.abandoned }));
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="queue-stats">
        {stats.map(([k, v]) => (
          <div key={k} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-500">{k}</dt>
            <dd className="mt-1 text-xl font-semibold text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <Card>
        <CardHeader title="Waited and abandoned" description="Visitors who left the queue within 10 seconds are not counted as abandoned." />
        <CardBody>
          <CountBars
            data={data}
            label={`Waited and abandoned per ${groupBy}`}
            bars={[
              { key: 'waited', name: 'Waited', fill: '#4f46e5' },
              { key: 'abandoned', name: 'Abandoned', fill: '#dc2626' },
            ]}
          />
        </CardBody>
      </Card>
    </div>
  );
}
