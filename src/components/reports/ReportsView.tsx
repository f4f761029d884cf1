'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { AgentRow, ReportFigures, ReportSummary, SeriesPoint } from '@/domain/reports/service';
import { Alert } from '@/components/ui/Alert';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { Spinner } from '@/components/ui/Spinner';
import { AgentTable } from './AgentTable';
import { FilterBar, type Dimensions } from './FilterBar';
import { Heatmap } from './Heatmap';
import { LiveTab } from './LiveTab';
import { DurationTable, SeriesCharts, SummaryCards } from './Overview';
import { QueueView } from './QueueView';
import { apiQuery, readState, TABS, writeState, type ReportState } from './state';
import { useReport, type Loadable } from './useReport';

const SELF_TABS: string[] = ['overview', 'agents', 'busiest'];

/**
 * Reports (F14): filter bar + tabs; the state lives in the URL, every view reads /api/reports/*.
 * `self` ("My figures", /agent/reports): the viewer's own figures only — the agent filter is fixed to them
 * (and forced by the API for the agent role), the tabs are those about one agent.
 */
export function ReportsView({ dims, self, overviewFooter }: { dims: Dimensions; self?: { id: string }; overviewFooter?: ReactNode }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tabs = self ? TABS.filter((t) => SELF_TABS.includes(t.id)) : TABS;
  const state = useMemo(() => {
    const s = readState(new URLSearchParams(params.toString()), dims.timeZone);
    return self ? { ...s, agentId: self.id, tab: SELF_TABS.includes(s.tab) ? s.tab : 'overview' } : s;
  }, [params, dims.timeZone, self]);
  const update = useCallback((patch: Partial<ReportState>) => router.replace(`${pathname}?${writeState({ ...state, ...patch })}`, { scroll: false }), [router, pathname, state]);
  const q = apiQuery(state, dims.timeZone);
  const tab = state.tab;
  const summary = useReport<ReportSummary>(tab === 'overview' ? `/api/reports/summary?${q}` : null);
  const series = useReport<{ points: SeriesPoint[]; total: ReportFigures }>(tab === 'overview' || tab === 'queue' ? `/api/reports/series?${q}` : null);
  const agents = useReport<{ agents: AgentRow[] }>(tab === 'agents' ? `/api/reports/agents?${q}` : null);
  const heat = useReport<{ cells: { weekday: number; hour: number; conversations: number }[] }>(tab === 'busiest' ? `/api/reports/heatmap?${q}` : null);
  const exportView = { overview: 'series', agents: 'agents', busiest: 'heatmap', queue: 'series', live: null }[tab];
  // At 390 px the tabs scroll sideways: keep the chosen one in sight (Live is off-screen otherwise).
  const activeTab = useRef<HTMLButtonElement>(null);
  // A block body: scrollIntoView returns a promise in current Chromium, and React would call it as a cleanup.
  useEffect(() => {
    activeTab.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab]);

  return (
    <div>
      <nav aria-label="Report views" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={tab === t.id ? activeTab : undefined}
            type="button"
            aria-current={tab === t.id ? 'page' : undefined}
            onClick={() => update({ tab: t.id })}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${tab === t.id ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {tab === 'live' ? (
        <LiveTab />
      ) : (
        <>
          <FilterBar state={state} dims={dims} onChange={update} />
          <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-600">
              {describeRange(state)}
              {state.workingHours ? ' · working hours only' : ''}
            </p>
            <div className="flex flex-wrap gap-2">
              {exportView ? (
                <a className={buttonClasses('secondary', 'sm', 'whitespace-nowrap')} href={`/api/reports/export.csv?${apiQuery(state, dims.timeZone, { view: exportView })}`} download>
                  Download CSV
                </a>
              ) : null}
              <a className={buttonClasses('secondary', 'sm', 'whitespace-nowrap')} href={`/api/reports/conversations.csv?${q}`} download>
                Raw export (per conversation)
              </a>
            </div>
          </div>
          {tab === 'overview' ? (
            <Load state={summary} what="the summary">
              {(s) => (
                <>
                  <SummaryCards summary={s} />
                  <Load state={series} what="the series">
                    {(x) => (s.current.counts.conversations || s.current.counts.chats ? <SeriesCharts points={x.points} groupBy={state.groupBy} /> : <Empty />)}
                  </Load>
                  <DurationTable figures={s.current} />
                </>
              )}
            </Load>
          ) : null}
          {tab === 'overview' && overviewFooter ? <div className="mt-6">{overviewFooter}</div> : null}
          {tab === 'agents' ? <Load state={agents} what="the agent table">{(a) => (a.agents.length ? <AgentTable agents={a.agents} /> : <Empty />)}</Load> : null}
          {tab === 'busiest' ? <Load state={heat} what="the busiest hours">{(h) => (h.cells.length ? <Heatmap cells={h.cells} /> : <Empty />)}</Load> : null}
          {tab === 'queue' ? <Load state={series} what="the queue figures">{(x) => (x.total.counts.queued || x.total.counts.waited ? <QueueView total={x.total} points={x.points} groupBy={state.groupBy} /> : <Empty text="No chat waited in the queue in this range." />)}</Load> : null}
        </>
      )}
    </div>
  );
}

function describeRange(s: ReportState): string {
  const fmt = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const last = new Date(Date.parse(`${s.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return s.from === last ? fmt(s.from) : `${fmt(s.from)} – ${fmt(last)}`;
}

function Empty({ text = 'No chats in this range. Try a longer range or fewer filters.' }: { text?: string }) {
  return <EmptyState title="Nothing to show" description={text} />;
}

function Load<T>({ state, what, children }: { state: Loadable<T> & { retry: () => void }; what: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading')
    return (
      <div className="flex items-center gap-2 py-10 text-sm text-slate-500">
        <Spinner label={`Loading ${what}`} /> Loading {what}…
      </div>
    );
  if (state.status === 'error')
    return (
      <Alert tone="error" className="flex flex-wrap items-center justify-between gap-2">
        <span>
          Could not load {what}: {state.error.message}
        </span>
        <button type="button" className={buttonClasses('secondary', 'sm')} onClick={state.retry}>
          Try again
        </button>
      </Alert>
    );
  return <>{children(state.data)}</>;
}
