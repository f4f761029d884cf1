/**
 * `npm run reports:backfill`: builds the reporting log (F14) of conversations that have none, e.g. after
 * upgrading a database that had chats before reports existed. Idempotent.
 */
import './dotenv';
import { createDb } from '../src/db/client';
import { backfillReports } from '../src/domain/reports/backfill';
import { env } from '../src/lib/env';

async function main() {
  const db = createDb(env().DATABASE_URL, { max: 1 });
  try {
    const total = await backfillReports(db, (id, n) => n && console.log(`reports:backfill: workspace ${id}: ${n} conversations`));
    console.log(`reports:backfill: done, ${total} conversations added to the reporting log`);
  } finally {
    await db.$client.end();
  }
}

main().catch((error) => {
  console.error('reports:backfill: failed:', error);
  process.exit(1);
});
