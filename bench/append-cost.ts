/**
 * PostgreSQL cost of the message hot path's statement (`lc_append_messages`, batches of 10, visitor and agent
 * messages alternating over 200 assigned chats of a workspace without webhook endpoints), for the schema of the
 * checkout it runs in (migrations from the current directory): the backend's CPU time per message
 * (/proc/<backend pid>/stat) and the WAL it writes per message (EXPLAIN (ANALYZE, WAL) on sample batches:
 * the server's WAL counters are shared with every other database). Where the schema has asynchronous search
 * indexing (migration 0026) the indexing pass is measured too, per message, apart from the commit path.
 * Used for issue 27's before/after: run it from a checkout of each version, alternately.
 *
 *   cd <checkout> && nice -n 10 npx tsx <this file>     (BENCH_APPEND_MESSAGES per round, default 10000;
 *                                                        BENCH_APPEND_DATABASE, default livechat_bench_append)
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { schema, type Db } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { databaseUrl } from './lib/setup';

const DATABASE = /^[a-z0-9_]+$/.test(process.env.BENCH_APPEND_DATABASE ?? '') ? process.env.BENCH_APPEND_DATABASE! : 'livechat_bench_append';
const CHATS = 200;
const BATCH = 10;
const TICK_US = 1e6 / 100; // USER_HZ

function backendCpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_US;
}

async function main() {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
  const perRound = Number(process.env.BENCH_APPEND_MESSAGES ?? 10_000);
  const rounds = Number(process.env.BENCH_APPEND_ROUNDS ?? 3);
  const admin = new pg.Client({ connectionString: databaseUrl(base, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  const pool = new pg.Pool({ connectionString: databaseUrl(base, DATABASE), max: 2 });
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as Db;
  try {
    await runMigrations(db);
    const c = await pool.connect();
    try {
      const ws = (await c.query(`insert into workspaces (name, widget_key, secret) values ('Bench', 'wk_append', 's') returning id`)).rows[0].id as string;
      const agent = (await c.query(`insert into users (workspace_id, email, name, password_hash, role) values ($1, 'a@b.test', 'A', 'x', 'agent') returning id`, [ws])).rows[0].id as string;
      const chats: string[] = [];
      for (let i = 0; i < CHATS; i++) {
        const v = (await c.query(`insert into visitors (workspace_id) values ($1) returning id`, [ws])).rows[0].id as string;
        const id = (await c.query(`insert into conversations (workspace_id, visitor_id, status, channel, mode) values ($1, $2, 'queued', 'desktop', 'realtime') returning id`, [ws, v])).rows[0].id as string;
        await c.query(`update conversations set status = 'active', agent_id = $2, assigned_at = now() where id = $1`, [id, agent]);
        chats.push(id);
      }
      const asyncIndexing = (await c.query(`select 1 from pg_proc where proname = 'lc_search_index_pass'`)).rows.length > 0;
      const pid = (await c.query('select pg_backend_pid() as p')).rows[0].p as number;
      let k = 0;
      const words = 'hello order shipping refund where is my parcel thanks please help account password invoice delivery today'.split(' ');
      const batch = () =>
        JSON.stringify(
          Array.from({ length: BATCH }, () => {
            const i = k++;
            const visitor = Math.floor(i / CHATS) % 2 === 0;
            const body = Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' ');
            return { workspaceId: ws, conversationId: chats[i % CHATS], senderType: visitor ? 'visitor' : 'agent', senderId: visitor ? null : agent, body, clientMsgId: `m${i}`, offline: false, allowEnded: false };
          }),
        );
      const append = async (n: number) => {
        const cpu0 = backendCpuUs(pid);
        for (let sent = 0; sent < n; sent += BATCH) await c.query('select count(*) from lc_append_messages($1::jsonb)', [batch()]);
        return (backendCpuUs(pid) - cpu0) / n;
      };
      const index = async (n: number) => {
        if (!asyncIndexing) return 0;
        const cpu0 = backendCpuUs(pid);
        while ((await c.query('select lc_search_index_pass(5000) as n')).rows[0].n > 0);
        return (backendCpuUs(pid) - cpu0) / n;
      };
      const walPerMessage = async (samples: number) => {
        let bytes = 0;
        for (let s = 0; s < samples; s++) {
          const { rows } = await c.query(`explain (analyze, wal, format json) select count(*) from lc_append_messages('${batch().replace(/'/g, "''")}'::jsonb)`);
          bytes += Number(rows[0]['QUERY PLAN'][0]['Plan']['WAL Bytes'] ?? 0);
        }
        return bytes / (samples * BATCH);
      };
      await append(2_000); // warm-up
      await index(2_000);
      const appendCpu: number[] = [];
      const indexCpu: number[] = [];
      for (let r = 0; r < rounds; r++) {
        appendCpu.push(await append(perRound));
        indexCpu.push(await index(perRound));
      }
      const wal = await walPerMessage(50);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const outboxRows = (await c.query(`select count(*)::int as n from outbox where type = 'message.created'`)).rows[0].n;
      console.log(
        JSON.stringify({
          scenario: 'append_cost',
          asyncIndexing,
          messagesPerRound: perRound,
          rounds,
          batch: BATCH,
          commitPathPgCpuUsPerMessage: Math.round(median(appendCpu)),
          indexingPgCpuUsPerMessage: asyncIndexing ? Math.round(median(indexCpu)) : null,
          commitPathWalBytesPerMessage: Math.round(wal),
          messageCreatedOutboxRows: outboxRows,
          detail: { appendCpu: appendCpu.map(Math.round), indexCpu: indexCpu.map(Math.round) },
        }),
      );
    } finally {
      c.release();
    }
  } finally {
    await pool.end();
    await admin.query(`drop database if exists ${DATABASE} with (force)`).catch(() => {});
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
