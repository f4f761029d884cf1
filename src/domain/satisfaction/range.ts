import { AppError } from '../../lib/errors';

const DAY = 86_400_000;

/**
 * A results date range from `from` / `to` (YYYY-MM-DD, UTC, both inclusive). Defaults: the last 30 days
 * up to today. Returned as [from, to) instants.
 */
export function parseRange(from: string | null | undefined, to: string | null | undefined, now = new Date()): { from: Date; to: Date } {
  const day = (value: string, what: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new AppError('bad_request', `${what} must be a date (YYYY-MM-DD)`);
    return new Date(`${value}T00:00:00Z`);
  };
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const end = to ? new Date(day(to, 'to').getTime() + DAY) : new Date(today.getTime() + DAY);
  const start = from ? day(from, 'from') : new Date(end.getTime() - 30 * DAY);
  if (start >= end) throw new AppError('bad_request', '"from" must not be after "to"');
  if (end.getTime() - start.getTime() > 366 * DAY) throw new AppError('bad_request', 'The range is limited to one year');
  return { from: start, to: end };
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
