/**
 * The one date/time formatter of the console and the agent workspace: the viewer's own locale and time
 * zone (the browser's), one set of styles. Server components render through `<DateTime>`
 * (src/components/ui/DateTime.tsx), which formats in the browser so a viewer in Tokyo and one in Berlin
 * each read their own clock. Pure: tests pass the viewer explicitly.
 */
export type DateTimeStyle =
  /** "7 Dec 2026, 14:05" / "Dec 7, 2026, 2:05 PM" */
  | 'datetime'
  /** "7 Dec 2026" */
  | 'date'
  /** "14:05" */
  | 'time'
  /** "14:05:09" (logs, where seconds matter) */
  | 'time-seconds'
  /** Today: time only; otherwise date and time (lists). */
  | 'auto';

export interface Viewer {
  locale: string;
  timeZone: string;
}

/** Before the browser is known (server render): a neutral English, UTC rendering. */
export const SERVER_VIEWER: Viewer = { locale: 'en', timeZone: 'UTC' };

const OPTIONS: Record<Exclude<DateTimeStyle, 'auto'>, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  'time-seconds': { timeStyle: 'medium' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Exclude<DateTimeStyle, 'auto'>, viewer: Viewer): Intl.DateTimeFormat {
  const key = `${style}|${viewer.locale}|${viewer.timeZone}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(viewer.locale, { ...OPTIONS[style], timeZone: viewer.timeZone });
    } catch {
      // An unknown locale or zone from a misconfigured browser: fall back rather than break the page.
      f = new Intl.DateTimeFormat('en', { ...OPTIONS[style], timeZone: 'UTC' });
    }
    cache.set(key, f);
  }
  return f;
}

function toDate(value: Date | string | number): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The calendar day of `d` in the viewer's zone, as YYYY-MM-DD. */
function dayKey(d: Date, viewer: Viewer): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: viewer.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** `value` formatted for the viewer; '—' for a missing or invalid date. `now` only matters for 'auto'. */
export function formatDateTime(
  value: Date | string | number | null | undefined,
  style: DateTimeStyle = 'datetime',
  viewer: Viewer = browserViewer(),
  now: Date = new Date(),
): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = toDate(value);
  if (!d) return '—';
  if (style === 'auto') return formatter(dayKey(d, viewer) === dayKey(now, viewer) ? 'time' : 'datetime', viewer).format(d);
  return formatter(style, viewer).format(d);
}

/** The browser's locale and time zone (the server's when called outside a browser). */
export function browserViewer(): Viewer {
  if (typeof navigator === 'undefined' || typeof window === 'undefined') return SERVER_VIEWER;
  const resolved = Intl.DateTimeFormat().resolvedOptions();
  return { locale: navigator.languages?.[0] ?? navigator.language ?? resolved.locale, timeZone: resolved.timeZone || 'UTC' };
}
