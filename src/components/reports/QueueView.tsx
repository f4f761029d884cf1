'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportFigures, SeriesPoint } from '@/domain/reports/service';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { bucketLabel, duration, percent, type ReportState } from './state';

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
          <div className="h-64" role="img" aria-label={`Waited and abandoned per ${groupBy}`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ left: -20, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="waited" name="Waited" fill="#4f46e5" />
                <Bar dataKey="abandoned" name="Abandoned" fill="#dc2626" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
