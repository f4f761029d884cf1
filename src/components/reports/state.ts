/** Reports console state, all of it in the URL (shareable, survives reloads). Pure functions, no React. */

export const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'agents', label: 'Agents' },
  { id: 'busiest', label: 'Busiest hours' },
  { id: 'queue', label: 'Queue' },
  { id: 'live', label: 'Live' },
] as const;
export type Tab = (typeof TABS)[number]['id'];

export const PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'month', label: 'This month' },
  { id: 'custom', label: 'Custom' },
] as const;
export type Preset = (typeof PRESETS)[number]['id'];

export interface ReportState {
  tab: Tab;
  preset: Preset;
  from: string;
  to: string;
  groupBy: 'hour' | 'day' | 'week' | 'month';
  agentId: string;
  groupId: string;
  channel: string;
  tag: string;
  workingHours: boolean;
}

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Today's date in a zone (YYYY-MM-DD). */
export function todayIn(tz: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `[from, to)` of a preset, in days of the zone. */
export function presetRange(preset: Exclude<Preset, 'custom'>, tz: string, now = new Date()): { from: string; to: string } {
  const today = todayIn(tz, now);
  switch (preset) {
    case 'today':
      return { from: today, to: addDays(today, 1) };
    case 'yesterday':
      return { from: addDays(today, -1), to: today };
    case '7d':
      return { from: addDays(today, -6), to: addDays(today, 1) };
    case '30d':
      return { from: addDays(today, -29), to: addDays(today, 1) };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: addDays(today, 1) };
  }
}

const isDay = (s: string | null) => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s));

export function readState(params: URLSearchParams, tz: string): ReportState {
  const tab = (TABS.find((t) => t.id === params.get('tab'))?.id ?? 'overview') as Tab;
  let preset = (PRESETS.find((p) => p.id === params.get('preset'))?.id ?? '7d') as Preset;
  let from = params.get('from');
  let to = params.get('to');
  if (preset === 'custom' && (!isDay(from) || !isDay(to) || from! >= to!)) preset = '7d';
  if (preset !== 'custom') ({ from, to } = presetRange(preset, tz));
  const groupBy = (['hour', 'day', 'week', 'month'] as const).find((g) => g === params.get('groupBy')) ?? (preset === 'today' || preset === 'yesterday' ? 'hour' : 'day');
  return {
    tab,
    preset,
    from: from!,
    to: to!,
    groupBy,
    agentId: params.get('agentId') ?? '',
    groupId: params.get('groupId') ?? '',
    channel: params.get('channel') ?? '',
    tag: params.get('tag') ?? '',
    workingHours: params.get('wh') === '1',
  };
}

/** The URL query of a state (only what differs from the defaults). */
export function writeState(s: ReportState): string {
  const p = new URLSearchParams();
  if (s.tab !== 'overview') p.set('tab', s.tab);
  p.set('preset', s.preset);
  if (s.preset === 'custom') {
    p.set('from', s.from);
    p.set('to', s.to);
  }
  p.set('groupBy', s.groupBy);
  for (const k of ['agentId', 'groupId', 'channel', 'tag'] as const) if (s[k]) p.set(k, s[k]);
  if (s.workingHours) p.set('wh', '1');
  return p.toString();
}

/** The API query of a state (what every view and the CSV export use). */
export function apiQuery(s: ReportState, tz: string, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ from: s.from, to: s.to, tz, groupBy: s.groupBy, workingHours: String(s.workingHours), ...extra });
  for (const k of ['agentId', 'groupId', 'channel', 'tag'] as const) if (s[k]) p.set(k, s[k]);
  return p.toString();
}

/** "1h 05m", "2m 30s", "45s"; a dash for no value. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)} %`;
}

/** Change against the previous period: "+12 %", "−5 %", "new", or null when there is nothing to compare. */
export function change(current: number | null, previous: number | null): { text: string; direction: 'up' | 'down' | 'flat' } | null {
  if (current === null || previous === null) return null;
  if (previous === 0) return current === 0 ? { text: '0 %', direction: 'flat' } : { text: 'new', direction: 'up' };
  const pct = ((current - previous) / previous) * 100;
  if (Math.abs(pct) < 0.5) return { text: '0 %', direction: 'flat' };
  return { text: `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(0)} %`, direction: pct > 0 ? 'up' : 'down' };
}

/** A bucket key ("2026-03-29T01:00") as a short label for its grouping. */
export function bucketLabel(bucket: string, groupBy: ReportState['groupBy']): string {
  const [date, time] = bucket.split('T');
  const d = new Date(`${date}T00:00:00Z`);
  const md = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  if (groupBy === 'hour') return `${md} ${time}`;
  if (groupBy === 'month') return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  if (groupBy === 'week') return `Week of ${md}`;
  return md;
}
