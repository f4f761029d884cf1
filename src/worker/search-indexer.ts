import type { Db } from '../db/client';
import { indexNewMessages, SEARCH_INDEX_BATCH, SEARCH_INDEX_EVERY_MS } from '../domain/search/indexing';
import { logger } from '../lib/logger';

export interface SearchIndexer {
  close(): Promise<void>;
}

/**
 * Keeps `message_search` up to date: a pass every `everyMs` (250 ms), passes back to back while there is a
 * backlog. Polling, not LISTEN/NOTIFY: a notification would put a `pg_notify` on every message statement, the
 * commit path this indexer exists to keep short; an idle pass is one cheap statement. Several workers may run
 * it: the passes serialise on the state row.
 */
export function startSearchIndexer(db: Db, options: { everyMs?: number; batch?: number } = {}): SearchIndexer {
  const everyMs = options.everyMs ?? SEARCH_INDEX_EVERY_MS;
  const batch = options.batch ?? SEARCH_INDEX_BATCH;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    let seen = 0;
    try {
      seen = await indexNewMessages(db, batch);
    } catch (err) {
      if (!stopped) logger.warn({ err }, 'search indexing pass failed; retrying');
    }
    if (!stopped) timer = setTimeout(tick, seen >= batch ? 0 : everyMs);
  };
  const tick = () => {
    running = pass();
  };
  tick();

  return {
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
