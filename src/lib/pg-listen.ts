import pg from 'pg';
import { logger } from './logger';

export interface ChannelListener {
  /** True while the LISTEN connection is up (a missed notification is then not possible). */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ChannelHandlers {
  onNotify(payload: string): void;
  /** The connection is (back) up: anything committed while it was down was not notified. */
  onListening?(): void;
  /** The connection is lost; notifications stop until `onListening`. */
  onLost?(): void;
}

/**
 * `LISTEN <channel>` on a dedicated connection (not one of the pool's), reconnecting after `retryMs` when it
 * drops. Used by the webhook relay (outbox wake-up) and the realtime nodes (visitor gate invalidation).
 */
export function listenChannel(pool: pg.Pool, channel: string, handlers: ChannelHandlers, retryMs = 1_000): ChannelListener {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const reconnectLater = () => {
    if (listening) handlers.onLost?.();
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
    c.on('notification', (message) => message.channel === channel && handlers.onNotify(message.payload ?? ''));
    c.on('error', (error) => {
      if (!closed) logger.warn({ err: error, channel }, 'LISTEN connection lost; reconnecting');
      void c.end().catch(() => {});
      reconnectLater();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (closed) return void (await c.end().catch(() => {}));
      client = c;
      listening = true;
      handlers.onListening?.();
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
