import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { dependencyDown } from '../lib/dependencies';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/**
 * Bound on getting a connection while PostgreSQL is unreachable (a refused connection fails at once).
 * pg-pool applies it to callers queued for a free client too, so it must outlast a burst (hundreds of
 * handshakes on a pool of 10 under load): sends have their own, shorter bound (realtime/handler.ts).
 */
const CONNECT_TIMEOUT_MS = 30_000;
/** Last resort for a query on a connection that went silent (network cut without a reset). */
const QUERY_TIMEOUT_MS = 15_000;

export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
  });
  // An idle client's error (server restart) must not crash the process; the pool drops it and reconnects.
  pool.on('error', (error) => dependencyDown('database', error));
  // A CHECKED-OUT client (transaction, LISTEN) has no pool listener: without its own, "Connection terminated
  // unexpectedly" is an unhandled 'error' event that kills the process. The pending query rejects anyway.
  pool.on('connect', (client) => {
    client.on('error', (error) => dependencyDown('database', error));
  });
  return drizzle(pool, { schema }) as Db;
}

export { schema };
