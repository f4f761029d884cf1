/**
 * PostgreSQL cost of the message hot path's statement (`lc_append_messages`, batches of 10, visitor and agent
 * messages alternating over 200 assigned chats of a workspace without webhook endpoints), for the schema of the
 * checkout it runs in (migrations from the current directory): the backend's CPU time per message
 * (/proc/<backend pid>/stat) and the WAL it writes per message (EXPLAIN (ANALYZE, WAL) on sample batches:
 * the server's WAL counters are shared with every other database). Where the schema has asynchronous search
 * indexing (migration 0027) the indexing pass is measured too, per message, apart from the commit path.
 * Used for issue 27's before/after: run it from a checkout of each version, alternately.
 *
 *   cd <checkout> && nice -n 10 npx tsx <this file>     (BENCH_APPEND_MESSAGES per round, default 10000;
 *                                                        BENCH_APPEND_DATABASE, default livechat_bench_append)
 */
import { processCpuUs as backendCpuUs, withAppendWorld } from './lib/append-world';

const DATABASE = /^[a-z0-9_]+$/.test(process.env.BENCH_APPEND_DATABASE ?? '') ? process.env.BENCH_APPEND_DATABASE! : 'livechat_bench_append';
const CHATS = 200;
const BATCH = 10;

async function main() {
  const perRound = Number(process.env.BENCH_APPEND_MESSAGES ?? 10_000);
  const rounds = Number(process.env.BENCH_APPEND_ROUNDS ?? 3);
  await withAppendWorld(DATABASE, CHATS, async (c, { workspaceId: ws, agentId: agent, chatIds: chats, pid }) => {
    const asyncIndexing = (await c.query(`select 1 from pg_proc where proname = 'lc_search_index_pass'`)).rows.length > 0;
    let k = 0;
    const words = 'hello order shipping refund where is my parcel thanks please help account password invoice delivery today'.split(' ');
    const batch = () =>
      JSON.stringify(
        Array.from({ length: BATCH }, () => {
          const i = k++;
          const visitor = Math.floor(i / CHATS) % 2 === 0;
          const body = Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' ');
          return {
            workspaceId: ws,
            conversationId: chats[i % CHATS],
            senderType: visitor ? 'visitor' : 'agent',
            senderId: visitor ? null : agent,
            body,
            clientMsgId: `m${i}`,
            offline: false,
            allowEnded: false,
          };
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
        detail: {
          appendCpu: appendCpu.map(Math.round),
          indexCpu: indexCpu.map(Math.round),
        },
      }),
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
