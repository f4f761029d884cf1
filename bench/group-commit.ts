/**
 * Group-commit settings compared on the commit path alone (issue 27: "group commit tuned on evidence"): the
 * product's GroupCommitter + `lc_append_messages` on a scratch database (200 assigned chats, workspace without
 * webhook endpoints), messages submitted open-loop at fixed rates over the chats, visitor and agent
 * alternating; latency = submit → committed (what the sender's ack waits for). Settings alternate inside
 * each round, so a loaded machine hits all of them alike.
 *
 *   nice -n 5 npx tsx bench/group-commit.ts
 *   BENCH_GC_SETTINGS="4/0 1/0 2/0 8/0 4/2"   lanes/waitMs pairs     BENCH_GC_RATES=250,500,1000,2000,4000
 *   BENCH_GC_SECONDS=3 per rate, BENCH_GC_ROUNDS=2, BENCH_GC_DATABASE (default livechat_bench_gc)
 */
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/db/client';
import { GroupCommitter } from '../src/db/group-commit';
import { appendMessages, type AppendItem } from '../src/domain/conversations/rows';
import { withAppendWorld } from './lib/append-world';
import { summarize, toJson } from './lib/metrics';
import { databaseUrl } from './lib/setup';

const DATABASE = /^[a-z0-9_]+$/.test(process.env.BENCH_GC_DATABASE ?? '') ? process.env.BENCH_GC_DATABASE! : 'livechat_bench_gc';
const SETTINGS = (process.env.BENCH_GC_SETTINGS ?? '4/0 1/0 2/0 8/0 4/2').split(' ').map((s) => s.split('/').map(Number) as [number, number]);
const RATES = (process.env.BENCH_GC_RATES ?? '250,500,1000,2000,4000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_GC_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_GC_ROUNDS ?? 2);
const BODY = 'Hello! I have a question about my order, could you check the delivery date please? Thanks a lot.';
const log = (msg: string) => process.stderr.write(`[group-commit] ${msg}\n`);

await withAppendWorld(DATABASE, 200, async (_client, world) => {
  const db = createDb(databaseUrl(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat', DATABASE));
  let statements = 0;
  const write = (items: AppendItem[]) => {
    statements++;
    return appendMessages(db, items);
  };
  let k = 0;
  const item = (): AppendItem => {
    const i = k++;
    const visitor = Math.floor(i / world.chatIds.length) % 2 === 0;
    return { workspaceId: world.workspaceId, conversationId: world.chatIds[i % world.chatIds.length], senderType: visitor ? 'visitor' : 'agent', senderId: visitor ? null : world.agentId, body: BODY, clientMsgId: `m${i}`, offline: false, allowEnded: false };
  };
  /** `rate` msgs/s for SECONDS through `gc`; every message's submit → commit time. */
  const step = async (gc: { submit(key: string, item: AppendItem): Promise<unknown> }, rate: number) => {
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const statements0 = statements;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let sent = 0;
    while (performance.now() - start < SECONDS * 1000) {
      const due = Math.floor(((performance.now() - start) * rate) / 1000) - sent;
      for (let i = 0; i < due; i++, sent++) {
        const m = item();
        const t = performance.now();
        pending.push(gc.submit(m.conversationId, m).then(() => void latencies.push(performance.now() - t)));
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    const sendSeconds = (performance.now() - start) / 1000;
    await Promise.all(pending);
    const cpu = process.cpuUsage(cpu0);
    return {
      rate,
      achieved: Math.round(sent / sendSeconds),
      latencyMs: summarize(latencies, 0),
      statementsPerMessage: Math.round(((statements - statements0) / sent) * 100) / 100,
      clientCpuUsPerMessage: Math.round((cpu.user + cpu.system) / sent),
    };
  };
  const results: Record<string, unknown>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [lanes, waitMs] of SETTINGS) {
      const gc = new GroupCommitter(write, { lanes, maxBatch: 100, waitMs });
      await step(gc, 200); // warm-up: connections, plans
      for (const rate of RATES) {
        const r = await step(gc, rate);
        results.push({ round, lanes, waitMs, ...r });
        log(`round ${round} lanes ${lanes} wait ${waitMs} ms: ${rate}/s p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms, ${r.statementsPerMessage} statements/msg`);
        if ((r.latencyMs.p99 ?? 0) > 1000) break; // far past its limit: the next rates only queue up
      }
    }
  }
  await (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
  console.log(toJson({ scenario: 'group_commit', seconds: SECONDS, results }));
});
