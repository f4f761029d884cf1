/**
 * What the cross-node publish of a conversation event costs a realtime node that is alone (issue 27 item 2:
 * "no cross-node publish when the adapter has a single node: measure, then decide"). The fanout
 * (src/realtime/fanout.ts) publishes every message once on the adapter's pub connection and, being
 * subscribed, receives its own copy back and drops it by its origin prefix. This measures the node's CPU
 * time for N such publishes of a relay-sized message (JSON of a MessageDto with a 120-byte body), own copy
 * received, against the same loop without them, in one process on the local Redis.
 *
 *   npx tsx bench/single-node-publish.ts            20,000 messages at ~2,000/s
 */
import '../scripts/dotenv';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRedis } from '../src/lib/redis';

const N = Number(process.env.BENCH_PUBLISH_MESSAGES ?? 20_000);
const RATE = 2_000;
const channel = `bench_publish_${randomBytes(4).toString('hex')}`;
const origin = `${randomBytes(6).toString('hex')}|`;
const message = {
  id: randomUUID(),
  conversationId: randomUUID(),
  seq: 12,
  senderType: 'visitor',
  senderId: randomUUID(),
  senderName: 'Ada',
  body: 'Hello! I have a question about my order, could you check the delivery date please? Hello! I have a ques',
  clientMsgId: randomUUID(),
  createdAt: new Date().toISOString(),
};

async function run(publish: boolean): Promise<{ cpuUsPerMessage: number }> {
  const pub = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const sub = pub.duplicate();
  let received = 0;
  sub.on('messageBuffer', (_from: Buffer, raw: Buffer) => {
    if (raw.toString().startsWith(origin)) received++;
  });
  await sub.subscribe(channel);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let sent = 0; sent < N; ) {
    // Paced like a relay step: a batch every 5 ms (what a node does between other work).
    const due = Math.min(N, Math.floor(((performance.now() - start) * RATE) / 1000)) - sent;
    for (let i = 0; i < due; i++, sent++) {
      const payload = { ...message, seq: sent };
      if (publish) void pub.publish(channel, origin + JSON.stringify({ c: message.conversationId, e: 'message', p: payload }));
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const deadline = Date.now() + 10_000;
  while (publish && received < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const used = process.cpuUsage(cpu);
  await Promise.all([pub.quit(), sub.quit()]);
  return { cpuUsPerMessage: Math.round(((used.user + used.system) / N) * 10) / 10 };
}

const without = await run(false);
const withPublish = await run(true);
const again = await run(false);
const base = (without.cpuUsPerMessage + again.cpuUsPerMessage) / 2;
console.log(JSON.stringify({ messages: N, ratePerSecond: RATE, loopOnlyCpuUs: base, withPublishCpuUs: withPublish.cpuUsPerMessage, publishCostCpuUsPerMessage: Math.round((withPublish.cpuUsPerMessage - base) * 10) / 10 }));
