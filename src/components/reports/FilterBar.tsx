'use client';

import { Select, Input } from '@/components/ui/Input';
import { PRESETS, presetRange, type Preset, type ReportState } from './state';

export interface Dimensions {
  agents: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  timeZone: string;
  role: 'admin' | 'supervisor' | 'agent';
}

const label = 'flex flex-col gap-1 text-xs font-medium text-slate-600';

/** Range presets, custom dates, grouping and filters; every change goes to the URL. */
export function FilterBar({ state, dims, onChange }: { state: ReportState; dims: Dimensions; onChange: (patch: Partial<ReportState>) => void }) {
  const choosePreset = (preset: Preset) => {
    if (preset === 'custom') onChange({ preset });
    else onChange({ preset, ...presetRange(preset, dims.timeZone), groupBy: preset === 'today' || preset === 'yesterday' ? 'hour' : state.groupBy === 'hour' ? 'day' : state.groupBy });
  };
  const lastDay = new Date(Date.parse(`${state.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return (
    <form className="mb-6 space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
      <div role="group" aria-label="Date range" className="flex flex-wrap gap-2">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={state.preset === p.id}
            onClick={() => choosePreset(p.id)}
            className={`rounded-full px-3 py-1 text-sm ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${state.preset === p.id ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
        {state.preset === 'custom' ? (
          <>
            <label className={label}>
              From
              <Input type="date" value={state.from} max={lastDay} onChange={(e) => e.target.value && e.target.value <= lastDay && onChange({ from: e.target.value })} />
            </label>
            <label className={label}>
              To (inclusive)
              <Input
                type="date"
                value={lastDay}
                min={state.from}
                onChange={(e) => e.target.value && e.target.value >= state.from && onChange({ to: new Date(Date.parse(`${e.target.value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) })}
              />
            </label>
          </>
        ) : null}
        <label className={label}>
          Group by
          <Select value={state.groupBy} onChange={(e) => onChange({ groupBy: e.target.value as ReportState['groupBy'] })}>
            <option value="hour">Hour</option>
            <option value="day">Day</option>
            <option value="week">Week (Mon)</option>
            <option value="month">Month</option>
          </Select>
        </label>
        {dims.role !== 'agent' ? (
          <label className={label}>
            Agent
            <Select value={state.agentId} onChange={(e) => onChange({ agentId: e.target.value })}>
              <option value="">All agents</option>
              {dims.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
        <label className={label}>
          Skill group
          <Select value={state.groupId} onChange={(e) => onChange({ groupId: e.target.value })}>
            <option value="">All groups</option>
            {dims.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </label>
        <label className={label}>
          Channel
          <Select value={state.channel} onChange={(e) => onChange({ channel: e.target.value })}>
            <option value="">All channels</option>
            <option value="desktop">Desktop</option>
            <option value="mobile">Mobile</option>
            <option value="app">App</option>
          </Select>
        </label>
        <label className={label}>
          Tag
          <Input defaultValue={state.tag} placeholder="Any tag" key={state.tag} onBlur={(e) => e.target.value.trim() !== state.tag && onChange({ tag: e.target.value.trim() })} onKeyDown={(e) => e.key === 'Enter' && onChange({ tag: (e.target as HTMLInputElement).value.trim() })} />
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={state.workingHours} onChange={(e) => onChange({ workingHours: e.target.checked })} />
        Working hours only (durations count only time inside working hours)
      </label>
      <p className="text-xs text-slate-500">
        Times in {dims.timeZone}. Ranges include the first day and end before the day after the last.
      </p>
    </form>
  );
}
