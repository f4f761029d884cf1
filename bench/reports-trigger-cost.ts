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
import { performance } from 'node:perf_hooks';
import { processCpuUs as backendCpuUs, withAppendWorld } from './lib/append-world';

const DATABASE = 'livechat_bench_reports_trg';
const CHATS = 200;
const BATCH = 10;
async function main() {
  const perRound = Number(process.env.BENCH_TRG_MESSAGES ?? 20_000);
  const rounds = Number(process.env.BENCH_TRG_ROUNDS ?? 3);
  await withAppendWorld(DATABASE, CHATS, async (c, { workspaceId: ws, agentId: agent, chatIds: chats, pid }) => {
    let k = 0;
    const run = async (n: number) => {
      const cpu0 = backendCpuUs(pid);
      const t0 = performance.now();
      for (let sent = 0; sent < n; sent += BATCH) {
        const items = Array.from({ length: BATCH }, () => {
          const i = k++;
          const visitor = Math.floor(i / CHATS) % 2 === 0;
          return {
            workspaceId: ws,
            conversationId: chats[i % CHATS],
            senderType: visitor ? 'visitor' : 'agent',
            senderId: visitor ? null : agent,
            body: 'hello there, a typical chat line',
            clientMsgId: null,
            offline: false,
            allowEnded: false,
          };
        });
        await c.query('select count(*) from lc_append_messages($1::jsonb)', [JSON.stringify(items)]);
      }
      return {
        cpuUs: (backendCpuUs(pid) - cpu0) / n,
        wallUs: ((performance.now() - t0) * 1000) / n,
      };
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
        pgCpuUsPerMessage: {
          triggersOn: Math.round(cpuOn),
          triggersOff: Math.round(cpuOff),
          extra: Math.round(cpuOn - cpuOff),
          ratio: +(cpuOn / cpuOff).toFixed(3),
        },
        wallUsPerMessage: {
          triggersOn: Math.round(median(on.map((x) => x.wallUs))),
          triggersOff: Math.round(median(off.map((x) => x.wallUs))),
        },
        rounds_detail: { on, off },
      }),
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
