import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client error (e.g. server restart) must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  return drizzle(pool, { schema }) as Db;
}

export { schema };
