import { createDb } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { databaseUrl, quoteIdent, TEMPLATE_DATABASE, TEMPLATE_LOCK_KEY, withAdminClient } from './db';

/**
 * Vitest global setup of the integration project: (re)builds the template database
 * `livechat_test_template` from the current migrations, once per run. Test files clone it with
 * createTestDatabase() (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
export default async function setup(): Promise<void> {
  await withAdminClient(async (client) => {
    // Exclusive against clones of a concurrent run (see TEMPLATE_LOCK_KEY); session lock, released on end.
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    await client.query(`drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`);
    await client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`);
    const db = createDb(databaseUrl(TEMPLATE_DATABASE), { max: 1 });
    try {
      await runMigrations(db);
    } finally {
      // No connection may stay open on a template database, or cloning it fails.
      await db.$client.end();
    }
  });
}
