import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/client';

/**
 * Test isolation helpers. Every integration test file gets its own PostgreSQL database, cloned from the
 * migrated template that tests/helpers/global-setup.ts builds once per run, and its own Redis key
 * prefix, so files run in parallel without seeing each other's data.
 */

/** Per checkout via TEST_TEMPLATE_DATABASE, so parallel checkouts with different migrations never share one. */
export const TEMPLATE_DATABASE = process.env.TEST_TEMPLATE_DATABASE ?? 'livechat_test_template';
/** Server used by tests (any database name in it is ignored). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Advisory lock serialising template rebuilds (exclusive) against clones (shared), so two test runs on
 * one machine do not drop the template while the other clones it.
 */
export const TEMPLATE_LOCK_KEY = 7_261_530_001;

/** TEST_DATABASE_URL pointing at another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs fn with a connection to the server's maintenance database. */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  db: Db;
  /** Closes `db`'s pool and drops the database (idempotent). */
  drop: () => Promise<void>;
}

/** Creates `livechat_test_<random>` from the migrated template. Call `drop()` in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `livechat_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (client) => {
    await client.query('select pg_advisory_lock_shared($1)', [TEMPLATE_LOCK_KEY]);
    try {
      await client.query(`create database ${quoteIdent(name)} template ${quoteIdent(TEMPLATE_DATABASE)}`);
    } finally {
      await client.query('select pg_advisory_unlock_shared($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
  const url = databaseUrl(name);
  const db = createDb(url, { max: 5 });
  let dropped = false;
  return {
    url,
    db,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.$client.end().catch(() => {});
      await withAdminClient((client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
    },
  };
}

/** A fresh Redis key prefix for one test file, e.g. `t_3f9a0c1b2d4e`. */
export function uniqueRedisPrefix(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix:` (SCAN, never KEYS). */
export async function cleanupRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}
