'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** A bar chart of counts per bucket (overview, queue view): one bar series per figure. */
export function CountBars<T extends { label: string }>({ data, bars, label }: { data: T[]; bars: { key: keyof T & string; name: string; fill: string }[]; label: string }) {
  return (
    <div className="h-64" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: -20, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key as string} name={b.name} fill={b.fill} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
