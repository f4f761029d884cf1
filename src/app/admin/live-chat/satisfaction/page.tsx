import { PageHeader } from '@/components/console/PageHeader';
import { Alert } from '@/components/ui/Alert';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { buttonClasses } from '@/components/ui/Button';
import type { ResultRow } from '@/domain/satisfaction/service';
import { isoDay, parseRange } from '@/domain/satisfaction/range';
import { isAppError } from '@/lib/errors';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';
import { DateTime } from '@/components/ui/DateTime';

export const metadata = { title: 'Satisfaction results' };

const DAY = 86_400_000;

/** Live Chat > Satisfaction results (F8): averages and counts per agent and per skill group over a date range. */
export default async function SatisfactionResultsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/live-chat/satisfaction');
  const sp = await searchParams;
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined)) || null;
  let range;
  let rangeError: string | null = null;
  try {
    range = parseRange(one('from'), one('to'));
  } catch (error) {
    rangeError = isAppError(error) ? error.message : 'Invalid range';
    range = parseRange(null, null);
  }
  const results = await services().satisfaction.results(user.workspaceId, range);
  const from = isoDay(range.from);
  const to = isoDay(new Date(range.to.getTime() - DAY));
  return (
    <>
      <PageHeader trail={['Live Chat']} title="Satisfaction results" description="Ratings are credited to the agent who served the chat. Percent = position on the chat's own scale (comparable across 2, 3 and 5 points)." />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Date range">
        <label className="text-sm text-slate-700">
          From
          <input type="date" name="from" defaultValue={from} className="ml-2 h-9 rounded-md px-2 ring-1 ring-slate-300" />
        </label>
        <label className="text-sm text-slate-700">
          To
          <input type="date" name="to" defaultValue={to} className="ml-2 h-9 rounded-md px-2 ring-1 ring-slate-300" />
        </label>
        <button type="submit" className={buttonClasses('secondary', 'sm')}>
          Apply
        </button>
      </form>
      {rangeError ? <Alert tone="error" className="mb-4">{rangeError} — showing the last 30 days.</Alert> : null}
      <div className="mb-6 grid gap-4 sm:grid-cols-3" data-testid="results-total">
        <Stat label="Ratings" value={String(results.total.count)} />
        <Stat label="Average score" value={results.total.count ? results.total.averageScore.toFixed(2) : '–'} />
        <Stat label="Average (percent)" value={results.total.count ? `${results.total.averagePercent.toFixed(1)} %` : '–'} />
      </div>
      <div className="space-y-6">
        <ResultTable title="By agent" rows={results.byAgent} testId="results-by-agent" />
        <ResultTable title="By skill group" rows={results.byGroup} testId="results-by-group" />
        <Card>
          <CardHeader title="Latest ratings" />
          <CardBody className="overflow-x-auto">
            {results.recent.length ? (
              <table className="min-w-full text-left text-sm" data-testid="results-recent">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-2 pr-4 font-medium">When</th>
                    <th className="py-2 pr-4 font-medium">Agent</th>
                    <th className="py-2 pr-4 font-medium">Score</th>
                    <th className="py-2 pr-4 font-medium">Tags</th>
                    <th className="py-2 pr-4 font-medium">Solved</th>
                    <th className="py-2 font-medium">Comment</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {results.recent.map((r) => (
                    <tr key={r.id}>
                      <td className="py-2 pr-4 text-slate-600"><DateTime value={r.updatedAt} /></td>
                      <td className="py-2 pr-4">{r.agentName ?? '–'}</td>
                      <td className="py-2 pr-4">
                        {r.score}/{r.scale} · {r.label}
                      </td>
                      <td className="py-2 pr-4">{r.tags.join(', ') || '–'}</td>
                      <td className="py-2 pr-4">{r.solved === null ? '–' : r.solved ? 'Yes' : 'No'}</td>
                      <td className="py-2 text-slate-700">{r.comment ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-sm text-slate-500">No ratings in this range.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900">{value}</p>
    </div>
  );
}

function ResultTable({ title, rows, testId }: { title: string; rows: ResultRow[]; testId: string }) {
  return (
    <Card>
      <CardHeader title={title} />
      <CardBody className="overflow-x-auto">
        {rows.length ? (
          <table className="min-w-full text-left text-sm" data-testid={testId}>
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="py-2 pr-4 text-right font-medium">Ratings</th>
                <th className="py-2 pr-4 text-right font-medium">Average score</th>
                <th className="py-2 pr-4 text-right font-medium">Percent</th>
                <th className="py-2 text-right font-medium">Solved</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id ?? 'none'}>
                  <td className="py-2 pr-4 font-medium text-slate-800">{r.name}</td>
                  <td className="py-2 pr-4 text-right">{r.count}</td>
                  <td className="py-2 pr-4 text-right">{r.averageScore.toFixed(2)}</td>
                  <td className="py-2 pr-4 text-right">{r.averagePercent.toFixed(1)} %</td>
                  <td className="py-2 text-right">{r.solvedRate === null ? '–' : `${r.solvedRate.toFixed(0)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No ratings in this range.</p>
        )}
      </CardBody>
    </Card>
  );
}
