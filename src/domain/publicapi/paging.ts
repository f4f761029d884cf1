import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { AppError } from '../../lib/errors';

/**
 * Cursor paging of the public API (F16): `{ data, next_cursor, has_more }`, keyset on (time, id) so a page
 * never repeats or skips a row while new rows arrive. The cursor is opaque to callers (base64url JSON).
 */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
}

export interface Keyset {
  at: string;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && KEY_TIME.test(at) && /^[0-9a-f-]{36}$/i.test(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new AppError('bad_request', 'Invalid query: cursor: this cursor is not one we gave out', [{ path: 'cursor', message: 'Unknown cursor' }]);
}

/** Rows fetched with `limit + 1`: the page, and the cursor after its last row when there is more. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => Keyset, map: (row: R) => T): Page<T> {
  const has_more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { data: page.map(map), next_cursor: has_more ? encodeCursor(keyOf(page[page.length - 1])) : null, has_more };
}

const KEY_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** A timestamp column as cursor text, to the microsecond (a JS Date keeps milliseconds: rows would be skipped). */
export function keyTime(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
