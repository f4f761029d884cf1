import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Search indexing off the commit path (issue 27): a message is committed without search index work, and the
 * worker copies it into `message_search` (the GIN-indexed table the search reads) shortly after. One pass
 * reads up to `maxRows` messages inserted since the last pass and returns how many it copied for the first
 * time; the watermark and why no message can be skipped are explained with `lc_search_index_pass`
 * (migration 0027).
 */
export async function indexNewMessages(db: Db, maxRows: number): Promise<number> {
  const { rows } = await db.execute<{ seen: number }>(sql`select lc_search_index_pass(${maxRows}::integer) as seen`);
  return Number(rows[0]?.seen ?? 0);
}

/** How often the worker looks for new messages: a message is searchable within about this long (≤ 2 s documented). */
export const SEARCH_INDEX_EVERY_MS = 250;
/** Messages per pass; a full pass is followed by the next one at once (catching up after a pause). */
export const SEARCH_INDEX_BATCH = 5000;
