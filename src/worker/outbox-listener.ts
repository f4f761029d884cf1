import type pg from 'pg';
import { listenChannel, type ChannelListener } from '../lib/pg-listen';

export const OUTBOX_CHANNEL = 'lc_outbox';

export type OutboxListener = ChannelListener;

/**
 * Wakes the webhook relay when outbox rows commit: `LISTEN lc_outbox` on a dedicated connection (the
 * trigger of migration 0009 notifies at commit). The relay keeps polling as a fallback; when the
 * connection drops it reconnects after `retryMs` and wakes the relay once, for anything committed while
 * it was away.
 */
export function listenForOutbox(pool: pg.Pool, onNotify: () => void, retryMs = 1_000): OutboxListener {
  return listenChannel(pool, OUTBOX_CHANNEL, { onNotify, onListening: onNotify }, retryMs);
}
