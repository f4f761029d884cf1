/**
 * Cost of the reporting triggers per chat message (F14), A/B on one database: the same message appends
 * (lc_append_messages, the hot path's statement: batches of 10, visitor and agent messages alternating over
 * 200 assigned chats) with the messages' reporting trigger enabled, then disabled (bench-only:
 * `ALTER TABLE messages DISABLE TRIGGER report_messages_insert`), alternated for several rounds. Measures
 * the PostgreSQL backend's CPU time (/proc/<backend pid>/stat, utime + stime) and the wall time per message.
 * The realtime node and worker do no extra work for reports (the triggers run inside the append statement),
 * so the Node.js side of the relay's CPU per message (docs/performance.md) is unchanged by them.
 *
 *   nice -n 10 npx tsx bench/reports-trigger-cost.ts      (prints JSON; BENCH_TRG_MESSAGES per round, default 20000)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { schema, type Db } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { databaseUrl } from './lib/setup';

const DATABASE = 'livechat_bench_reports_trg';
const CHATS = 200;
const BATCH = 10;
const TICK_US = 1e6 / 100; // USER_HZ

function backendCpuUs(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) after the command in parentheses.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_US;
}

async function main() {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
  const perRound = Number(process.env.BENCH_TRG_MESSAGES ?? 20_000);
  const rounds = Number(process.env.BENCH_TRG_ROUNDS ?? 3);
  const admin = new pg.Client({ connectionString: databaseUrl(base, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  const pool = new pg.Pool({ connectionString: databaseUrl(base, DATABASE), max: 1 });
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as Db;
  try {
    await runMigrations(db);
    const c = await pool.connect();
    try {
      const ws = (await c.query(`insert into workspaces (name, widget_key, secret) values ('Bench', 'wk_trg', 's') returning id`)).rows[0].id as string;
      const agent = (await c.query(`insert into users (workspace_id, email, name, password_hash, role) values ($1, 'a@b.test', 'A', 'x', 'agent') returning id`, [ws])).rows[0].id as string;
      const chats: string[] = [];
      for (let i = 0; i < CHATS; i++) {
        const v = (await c.query(`insert into visitors (workspace_id) values ($1) returning id`, [ws])).rows[0].id as string;
        const id = (await c.query(`insert into conversations (workspace_id, visitor_id, status, channel, mode) values ($1, $2, 'queued', 'desktop', 'realtime') returning id`, [ws, v])).rows[0].id as string;
        await c.query(`update conversations set status = 'active', agent_id = $2, assigned_at = now() where id = $1`, [id, agent]);
        chats.push(id);
      }
      const pid = (await c.query('select pg_backend_pid() as p')).rows[0].p as number;
      let k = 0;
      const run = async (n: number) => {
        const cpu0 = backendCpuUs(pid);
        const t0 = performance.now();
        for (let sent = 0; sent < n; sent += BATCH) {
          const items = Array.from({ length: BATCH }, () => {
            const i = k++;
            const visitor = Math.floor(i / CHATS) % 2 === 0;
            return { workspaceId: ws, conversationId: chats[i % CHATS], senderType: visitor ? 'visitor' : 'agent', senderId: visitor ? null : agent, body: 'hello there, a typical chat line', clientMsgId: null, offline: false, allowEnded: false };
          });
          await c.query('select count(*) from lc_append_messages($1::jsonb)', [JSON.stringify(items)]);
        }
        return { cpuUs: (backendCpuUs(pid) - cpu0) / n, wallUs: ((performance.now() - t0) * 1000) / n };
      };
      await run(2_000); // warm-up
      const on: { cpuUs: number; wallUs: number }[] = [];
      const off: { cpuUs: number; wallUs: number }[] = [];
      for (let r = 0; r < rounds; r++) {
        await c.query('alter table messages enable trigger report_messages_insert');
        on.push(await run(perRound));
        await c.query('alter table messages disable trigger report_messages_insert');
        off.push(await run(perRound));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const cpuOn = median(on.map((x) => x.cpuUs));
      const cpuOff = median(off.map((x) => x.cpuUs));
      const rows = (await c.query(`select count(*)::int as n from report_events where kind in ('msg_in', 'msg_out')`)).rows[0].n;
      console.log(
        JSON.stringify({
          messagesPerRound: perRound,
          rounds,
          batch: BATCH,
          reportRowsWritten: rows,
          pgCpuUsPerMessage: { triggersOn: Math.round(cpuOn), triggersOff: Math.round(cpuOff), extra: Math.round(cpuOn - cpuOff), ratio: +(cpuOn / cpuOff).toFixed(3) },
          wallUsPerMessage: { triggersOn: Math.round(median(on.map((x) => x.wallUs))), triggersOff: Math.round(median(off.map((x) => x.wallUs))) },
          rounds_detail: { on, off },
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
