import pg from 'pg';
import { logger } from '../lib/logger';

export const OUTBOX_CHANNEL = 'lc_outbox';

export interface OutboxListener {
  /** True while the LISTEN connection is up (the relay may then poll rarely). */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * Wakes the webhook relay when outbox rows commit: `LISTEN lc_outbox` on a dedicated connection (the
 * trigger of migration 0005 notifies at commit). The relay keeps polling as a fallback; when the
 * connection drops it reconnects after `retryMs` and wakes the relay once, for anything committed while
 * it was away.
 */
export function listenForOutbox(pool: pg.Pool, onNotify: () => void, retryMs = 1_000): OutboxListener {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const reconnectLater = () => {
    listening = false;
    client = null;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, retryMs);
    retry.unref?.();
  };

  async function connect(): Promise<void> {
    const c = new pg.Client(pool.options);
    c.on('notification', (message) => message.channel === OUTBOX_CHANNEL && onNotify());
    c.on('error', (error) => {
      if (!closed) logger.warn({ err: error }, 'outbox listener connection lost; polling until it is back');
      void c.end().catch(() => {});
      reconnectLater();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (closed) return void (await c.end().catch(() => {}));
      client = c;
      listening = true;
      onNotify(); // anything committed while not listening
    } catch {
      void c.end().catch(() => {});
      reconnectLater();
    }
  }
  void connect();

  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listening = false;
      await client?.end().catch(() => {});
    },
  };
}
