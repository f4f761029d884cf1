/**
 * The database side of a profile: samples pg_stat_activity of ONE database every few milliseconds and
 * reports what its backends were doing (CPU, waiting for a WAL flush, a lock, the client …) while a bench
 * scenario runs against it. Run it beside `npm run bench` (same BENCH_DATABASE):
 *
 *   npx tsx bench/pg-waits.ts <database> <seconds> [intervalMs=5]
 *
 * Each sample counts every backend of the database that is not idle: "active" with no wait event is CPU (or
 * a wait PostgreSQL does not report), `IO:WALSync` / `LWLock:WALWrite` is the commit waiting for the flush,
 * `Client:ClientRead` in a transaction is the application's round trip.
 */
import pg from 'pg';
import { databaseUrl } from './lib/setup';

const [database, secondsArg, intervalArg] = process.argv.slice(2);
if (!database || !secondsArg) throw new Error('usage: tsx bench/pg-waits.ts <database> <seconds> [intervalMs]');
const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
const client = new pg.Client({ connectionString: databaseUrl(base, 'postgres') });
await client.connect();
const counts = new Map<string, number>();
let samples = 0;
let busyBackends = 0;
const end = Date.now() + Number(secondsArg) * 1000;
while (Date.now() < end) {
  const { rows } = await client.query<{ state: string; wait: string | null; query: string }>(
    `select state, wait_event_type || ':' || wait_event as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 40) as query
       from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state <> 'idle'`,
    [database],
  );
  samples++;
  for (const r of rows) {
    // The LISTEN connections and the outbox/indexing pollers sit in ClientRead between statements: not work.
    const what = `${r.state} | ${r.wait ?? 'CPU (no wait event)'} | ${r.query.includes('lc_append_messages') ? 'lc_append_messages(…)' : r.query}`;
    counts.set(what, (counts.get(what) ?? 0) + 1);
    busyBackends++;
  }
  await new Promise((r) => setTimeout(r, Number(intervalArg ?? 5)));
}
await client.end();
console.log(`${samples} samples of ${database}: ${(busyBackends / samples).toFixed(2)} non-idle backends on average\n`);
console.log('| state | wait | statement | backends on average | share |\n| --- | --- | --- | --- | --- |');
for (const [what, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  const [state, wait, query] = what.split(' | ');
  console.log(`| ${state} | ${wait} | \`${query}\` | ${(n / samples).toFixed(3)} | ${((n / busyBackends) * 100).toFixed(1)} % |`);
}
