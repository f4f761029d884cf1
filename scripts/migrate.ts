/**
 * Applies the SQL migrations in drizzle/ to DATABASE_URL (`npm run migrate`). Idempotent: applied
 * migrations are recorded by drizzle and skipped.
 */
import './dotenv';
import { createDb } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { env } from '../src/lib/env';

async function main() {
  const url = env().DATABASE_URL;
  const db = createDb(url, { max: 1 });
  try {
    await runMigrations(db);
    console.log(`migrate: ${redact(url)} is up to date`);
  } finally {
    await db.$client.end();
  }
}

function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((error) => {
  console.error('migrate: failed:', error);
  process.exit(1);
});
