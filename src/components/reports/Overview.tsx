'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportFigures, ReportSummary, SeriesPoint } from '@/domain/reports/service';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { bucketLabel, change, duration, percent, type ReportState } from './state';
import { CountBars } from './CountBars';

type Card = { label: string; value: (f: ReportFigures) => number | null; format: (n: number | null) => string; lowerIsBetter?: boolean; hint: string };

const count = (n: number | null) => (n === null ? '–' : n.toLocaleString('en-GB'));

export const CARDS: Card[] = [
  { label: 'Conversations', value: (f) => f.counts.conversations, format: count, hint: 'Chats started (a reopened chat counts again)' },
  { label: 'Chats assigned', value: (f) => f.counts.chats, format: count, hint: 'Assignments and transfers received' },
  { label: 'Messages', value: (f) => f.counts.messagesIn + f.counts.messagesOut, format: count, hint: 'Visitor and agent messages' },
  { label: 'First response (median)', value: (f) => f.durations.firstResponse.median, format: duration, lowerIsBetter: true, hint: 'First agent reply − start of the chat' },
  { label: 'Reply time (median)', value: (f) => f.durations.replyTime.median, format: duration, lowerIsBetter: true, hint: 'Agent reply − first unanswered visitor message' },
  { label: 'Queue wait (median)', value: (f) => f.durations.queueWait.median, format: duration, lowerIsBetter: true, hint: 'First assignment − entering the queue' },
  { label: 'Resolution (median)', value: (f) => f.durations.resolution.median, format: duration, lowerIsBetter: true, hint: 'End − start of the chat' },
  { label: 'Missed chats', value: (f) => f.counts.missed, format: count, lowerIsBetter: true, hint: 'Started in working hours, ended with no agent reply' },
  { label: 'Abandonment', value: (f) => f.rates.abandonment, format: percent, lowerIsBetter: true, hint: 'Left the queue unassigned ÷ chats that waited' },
  { label: 'CSAT', value: (f) => f.rates.csat, format: percent, hint: 'Positive ratings ÷ all ratings' },
];

export function SummaryCards({ summary }: { summary: ReportSummary }) {
  return (
    <ul className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="report-cards">
      {CARDS.map((c) => {
        const now = c.value(summary.current);
        const before = c.value(summary.previous);
        const delta = change(now, before);
        const good = delta && delta.direction !== 'flat' && (delta.direction === 'down') === Boolean(c.lowerIsBetter);
        return (
          <li key={c.label} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" title={c.hint}>
            <p className="text-xs font-medium text-slate-500">{c.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900">{c.format(now)}</p>
            <p className={`mt-1 text-xs ${!delta || delta.direction === 'flat' ? 'text-slate-500' : good ? 'text-green-700' : 'text-red-700'}`}>
              {delta ? `${delta.text} vs previous period` : 'No earlier figure'}
              <span className="sr-only"> (previous: {c.format(before)})</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function SeriesCharts({ points, groupBy }: { points: SeriesPoint[]; groupBy: ReportState['groupBy'] }) {
  const data = points.map((p) => ({
    label: bucketLabel(p.bucket, groupBy),
    conversations: p.figures.counts.conversations,
    missed: p.figures.counts.missed,
    abandoned: p.figures.counts.abandoned,
    firstResponse: p.figures.durations.firstResponse.median === null ? null : Math.round(p.figures.durations.firstResponse.median),
    replyTime: p.figures.durations.replyTime.median === null ? null : Math.round(p.figures.durations.replyTime.median),
  }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Conversations" description={`Per ${groupBy}`} />
        <CardBody>
          <CountBars
            data={data}
            label={`Conversations per ${groupBy}: ${data.map((d) => `${d.label} ${d.conversations}`).join(', ')}`}
            bars={[
              { key: 'conversations', name: 'Conversations', fill: '#4f46e5' },
              { key: 'missed', name: 'Missed', fill: '#f59e0b' },
              { key: 'abandoned', name: 'Abandoned', fill: '#dc2626' },
            ]}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Response times" description="Median per bucket, in seconds" />
        <CardBody>
          <div className="h-64" role="img" aria-label={`Median first response and reply time per ${groupBy}`}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ left: -20, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
                <YAxis tick={{ fontSize: 11 }} />
                <Tooltip formatter={(v) => duration(typeof v === 'number' ? v : null)} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Line type="monotone" dataKey="firstResponse" name="First response" stroke="#4f46e5" connectNulls dot={false} />
                <Line type="monotone" dataKey="replyTime" name="Reply time" stroke="#0d9488" connectNulls dot={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </CardBody>
      </Card>
    </div>
  );
}

/** Every duration with average, median and 90th percentile (the contract of F14). */
export function DurationTable({ figures }: { figures: ReportFigures }) {
  const rows: [string, keyof ReportFigures['durations']][] = [
    ['Queue wait', 'queueWait'],
    ['First response', 'firstResponse'],
    ['First response per agent', 'agentFirstResponse'],
    ['Reply time', 'replyTime'],
    ['Resolution', 'resolution'],
    ['Handle time', 'handle'],
  ];
  return (
    <Card className="mt-6">
      <CardHeader title="Durations" description="Average, median and 90th percentile over the range" />
      <CardBody className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Metric</th>
              <th className="py-2 pr-4 text-right font-medium">Count</th>
              <th className="py-2 pr-4 text-right font-medium">Average</th>
              <th className="py-2 pr-4 text-right font-medium">Median</th>
              <th className="py-2 text-right font-medium">90th pct.</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(([label, key]) => {
              const d = figures.durations[key];
              return (
                <tr key={key}>
                  <td className="py-2 pr-4 font-medium text-slate-800">{label}</td>
                  <td className="py-2 pr-4 text-right">{d.count}</td>
                  <td className="py-2 pr-4 text-right">{duration(d.avg)}</td>
                  <td className="py-2 pr-4 text-right">{duration(d.median)}</td>
                  <td className="py-2 text-right">{duration(d.p90)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}
