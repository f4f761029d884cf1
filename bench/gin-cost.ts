/**
 * Cost of the search indexes (migration 0006: GIN on `body_tsv` and trigram GIN on `body`) on message insert.
 * Two scratch copies of `messages` (LIKE … INCLUDING ALL); the first gets the generated tsvector column and the
 * two GIN indexes `messages` carried until migration 0027 moved them to `message_search`, the second stays
 * as `messages` is now; rows inserted in statements of BATCH (as the group commit writes them), the two
 * tables alternated ROUNDS times so machine noise hits both alike. Reports µs per row and WAL bytes per row.
 *   npx tsx bench/gin-cost.ts            (DATABASE_URL or the local default; BENCH_DATABASE picks the database)
 */
import pg from 'pg';

const ROWS = Number(process.env.GIN_ROWS ?? 4000);
const BATCH = 50;
const ROUNDS = Number(process.env.GIN_ROUNDS ?? 3);
const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat');
if (process.env.BENCH_DATABASE) url.pathname = `/${process.env.BENCH_DATABASE}`;

const WORDS = 'hello order shipping refund where is my parcel thanks please help account password invoice delivery today tomorrow payment card declined'.split(' ');
const body = (i: number) => Array.from({ length: 20 }, (_, j) => WORDS[(i * 7 + j * 13) % WORDS.length]).join(' ').slice(0, 120);

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
try {
  for (const t of ['lc_gin_with', 'lc_gin_without']) {
    await client.query(`drop table if exists ${t}`);
    await client.query(`create table ${t} (like messages including all)`);
  }
  await client.query(`alter table lc_gin_with add column body_tsv tsvector generated always as (to_tsvector('simple'::regconfig, body)) stored`);
  await client.query(`create index on lc_gin_with using gin (body_tsv)`);
  await client.query(`create index on lc_gin_with using gin (body gin_trgm_ops)`);
  const totals: Record<string, { ms: number; wal: number; rows: number }> = { lc_gin_with: { ms: 0, wal: 0, rows: 0 }, lc_gin_without: { ms: 0, wal: 0, rows: 0 } };
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of round % 2 ? ['lc_gin_without', 'lc_gin_with'] : ['lc_gin_with', 'lc_gin_without']) {
      const start = n;
      const lsn0 = (await client.query('select pg_current_wal_insert_lsn() as l')).rows[0].l;
      const t0 = performance.now();
      for (let i = 0; i < ROWS; i += BATCH) {
        const bodies = Array.from({ length: BATCH }, (_, k) => body(start + i + k));
        await client.query(
          `insert into ${t} (workspace_id, conversation_id, seq, sender_type, body, client_msg_id)
           select '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', $1 + ord, 'visitor', b, 'c' || ($1 + ord)
           from unnest($2::text[]) with ordinality as u(b, ord)`,
          [start + i, bodies],
        );
      }
      const ms = performance.now() - t0;
      const wal = Number((await client.query(`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1) as d`, [lsn0])).rows[0].d);
      totals[t].ms += ms;
      totals[t].wal += wal;
      totals[t].rows += ROWS;
      n += ROWS;
    }
  }
  const per = (x: { ms: number; wal: number; rows: number }) => ({ usPerRow: Math.round((x.ms * 1000) / x.rows), walBytesPerRow: Math.round(x.wal / x.rows) });
  const withGin = per(totals.lc_gin_with);
  const without = per(totals.lc_gin_without);
  console.log(JSON.stringify({ scenario: 'gin_insert_cost', rows: ROWS * ROUNDS, batch: BATCH, withGin, withoutGin: without, ratio: { time: Math.round((withGin.usPerRow / without.usPerRow) * 100) / 100, wal: Math.round((withGin.walBytesPerRow / without.walBytesPerRow) * 100) / 100 } }));
} finally {
  for (const t of ['lc_gin_with', 'lc_gin_without']) await client.query(`drop table if exists ${t}`).catch(() => {});
  await client.end();
}
