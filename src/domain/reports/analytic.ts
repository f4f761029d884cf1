import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Runs one report query with room for its sorts and hashes (merging histogram rows spilled to disk at the
 * default 4 MB) and without JIT (its compile time, ~50 ms, is more than it saves on these queries). The
 * settings are local to the query's own transaction.
 */
export async function analytic<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<{ rows: T[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
    const { rows } = await tx.execute(query);
    return { rows: rows as T[] };
  });
}
