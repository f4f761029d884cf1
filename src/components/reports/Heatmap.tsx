'use client';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Busiest hours: conversations started by weekday × hour (darker = more). */
export function Heatmap({ cells }: { cells: { weekday: number; hour: number; conversations: number }[] }) {
  const grid = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.conversations]));
  const max = Math.max(1, ...cells.map((c) => c.conversations));
  return (
    <div className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <table className="border-separate border-spacing-0.5 text-xs" data-testid="heatmap">
        <caption className="mb-2 text-left text-sm text-slate-600">Conversations started, by weekday and hour</caption>
        <thead>
          <tr>
            <th scope="col" className="w-10" />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="w-6 font-normal text-slate-500">
                {h % 3 === 0 ? String(h).padStart(2, '0') : <span className="sr-only">{h}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((d, i) => (
            <tr key={d}>
              <th scope="row" className="pr-2 text-right font-medium text-slate-600">
                {d}
              </th>
              {Array.from({ length: 24 }, (_, h) => {
                const n = grid.get(`${i + 1}:${h}`) ?? 0;
                const alpha = n ? 0.15 + 0.85 * (n / max) : 0;
                return (
                  <td key={h} title={`${d} ${String(h).padStart(2, '0')}:00 – ${n} conversation${n === 1 ? '' : 's'}`} className="h-6 w-6 rounded-sm ring-1 ring-inset ring-slate-100" style={{ backgroundColor: n ? `rgba(79, 70, 229, ${alpha.toFixed(2)})` : '#f8fafc' }}>
                    <span className="sr-only">{n}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
