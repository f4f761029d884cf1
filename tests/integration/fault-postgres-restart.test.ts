import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema';
import { signStaffToken } from '../../src/lib/tokens';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { freePort, spawnApp, startProxy, startThrowawayRedis, until, type AppProcess, type CuttableProxy, type ThrowawayRedis } from '../helpers/faults';

/**
 * Issue 12: PostgreSQL restarts (6 s), then Redis restarts (5 s down, data lost), under traffic, with REAL
 * realtime and worker processes. The test puts a TCP proxy between them and PostgreSQL and cuts it (open
 * connections reset, new ones refused), which is what the processes see of a restart, and runs them on a
 * redis-server of its own; the shared services are never touched.
 */
let redis: ThrowawayRedis;
let h: ChatHarness;
let proxy: CuttableProxy;
let realtime: AppProcess;
let worker: AppProcess;
let realtimePort: number;
let workerPort: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  redis = await startThrowawayRedis();
  h = await new ChatHarness(redis.url).setup();
  const target = new URL(h.database.url);
  proxy = await startProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(h.database.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  [realtimePort, workerPort] = [await freePort(), await freePort()];
  const env = {
    DATABASE_URL: viaProxy.toString(),
    REDIS_URL: redis.url,
    REDIS_PREFIX: h.prefix,
    AUTH_SECRET: TEST_AUTH_SECRET,
    REALTIME_PORT: String(realtimePort),
    WORKER_METRICS_PORT: String(workerPort),
    PUBLIC_WEB_URL: 'http://localhost',
  };
  [realtime, worker] = await Promise.all([spawnApp('src/realtime/main.ts', env, 'realtime server listening'), spawnApp('src/worker/main.ts', env, 'worker started')]);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.allSettled([realtime?.stop(), worker?.stop()]);
  await proxy?.close();
  await h.teardown();
  await redis?.stop();
});

const ready = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status;

describe('PostgreSQL, then Redis, restarted mid-traffic', () => {
  it('no process exits, sends answer "unavailable" while PostgreSQL or Redis is down, no acked message is lost or doubled, sends resume', async () => {
    const ws = await h.createWorkspace(1);
    const url = `http://127.0.0.1:${realtimePort}`;
    const agent = connect(`${url}/agent`, { transports: ['websocket'], auth: { token: await signStaffToken(TEST_AUTH_SECRET, { uid: ws.agents[0].id, wid: ws.workspaceId, role: 'agent' }) }, forceNew: true });
    sockets.push(agent);
    await nextEvent(agent, 'presence');
    expect((await request(agent, 'status.set', { status: 'online' })).ok).toBe(true);
    const visitor = connect(`${url}/visitor`, { transports: ['websocket'], auth: { widgetKey: ws.widgetKey }, forceNew: true });
    sockets.push(visitor);
    await nextEvent(visitor, 'session');
    const started = await request(visitor, 'chat.start', {});
    expect(started.conversation.status).toBe('active');
    const conversationId = started.conversation.id as string;

    // Traffic: each message is resent with its clientMsgId until acknowledged, as the widget does.
    const acked = new Set<string>();
    const failures: { code: string; ms: number }[] = [];
    let stop = false;
    let restoredAt = 0;
    let firstOkAfterRestore = 0;
    const traffic = (async () => {
      for (let n = 0; !stop; n++) {
        const clientMsgId = randomUUID();
        for (;;) {
          const sentAt = Date.now();
          const ack = await request(visitor, 'message.send', { conversationId, clientMsgId, body: `message ${n}` }).catch(() => ({ ok: false, error: { code: 'no_ack' } }));
          if (ack.ok) {
            acked.add(clientMsgId);
            if (restoredAt && !firstOkAfterRestore) firstOkAfterRestore = Date.now();
            break;
          }
          failures.push({ code: ack.error.code, ms: Date.now() - sentAt });
          await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    // PostgreSQL: down for 6 s, as in the issue.
    await until(() => acked.size >= 5, 'traffic before the cut');
    await proxy.cut();
    await until(() => failures.length >= 3, 'sends refused while PostgreSQL is down');
    expect(await ready(realtimePort)).toBe(503);
    await new Promise((r) => setTimeout(r, 6_000));
    let before = acked.size;
    await proxy.restore();
    restoredAt = Date.now();
    await until(() => acked.size >= before + 5, 'sends resumed after the PostgreSQL restart', 30_000);
    const pgFailures = failures.length;
    const pgRecoveryMs = firstOkAfterRestore - restoredAt;

    // Redis: down for 5 s and back empty.
    restoredAt = 0;
    firstOkAfterRestore = 0;
    await redis.restart(5_000);
    restoredAt = Date.now();
    before = acked.size;
    await until(() => acked.size >= before + 5, 'sends resumed after the Redis restart', 30_000);
    const redisRecoveryMs = firstOkAfterRestore - restoredAt;
    stop = true;
    await traffic;

    expect(realtime.exited()).toBe(false);
    expect(worker.exited()).toBe(false);
    // Every failure was an explicit "unavailable", never a hang or an ok: at once while PostgreSQL refused
    // connections, within the send bound (ACK_TIMEOUT_MS, 10 s) while Redis commands waited for a reconnect.
    expect(failures.every((f) => f.code === 'unavailable')).toBe(true);
    expect(Math.max(...failures.slice(0, pgFailures).map((f) => f.ms))).toBeLessThan(5_000);
    expect(Math.max(...failures.map((f) => f.ms))).toBeLessThan(13_000);
    // No acknowledged message lost, none stored twice.
    const stored = await h.database.db.select({ clientMsgId: messages.clientMsgId }).from(messages).where(sql`${messages.conversationId} = ${conversationId} and ${messages.senderType} = 'visitor'`);
    const storedIds = stored.map((m) => m.clientMsgId);
    for (const id of acked) expect(storedIds).toContain(id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    await until(async () => (await ready(realtimePort)) === 200 && (await ready(workerPort)) === 200, 'both processes ready again');
    for (const process of [realtime, worker]) expect(process.output()).toMatch(/database recovered[\s\S]*redis recovered/);
    // Each process exposes Prometheus metrics, including the figures of what just happened.
    const realtimeMetrics = await (await fetch(`http://127.0.0.1:${realtimePort}/metrics`)).text();
    expect(realtimeMetrics).toMatch(/livechat_ack_duration_seconds_bucket\{[^}]*event="message.send",outcome="unavailable"/);
    expect(realtimeMetrics).toMatch(/livechat_routing_rebuilds_total [1-9]/);
    for (const name of ['livechat_socket_connections', 'livechat_messages_total', 'livechat_pg_pool_clients', 'livechat_redis_reconnects_total', 'nodejs_eventloop_lag_p99_seconds']) expect(realtimeMetrics).toContain(name);
    const workerMetrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    for (const name of ['livechat_webhook_relay_lag_seconds', 'livechat_bull_jobs', 'livechat_dependency_up']) expect(workerMetrics).toContain(name);
    console.info(
      `[fault] postgres-restart: ${pgFailures} sends answered unavailable (max ${Math.max(...failures.slice(0, pgFailures).map((f) => f.ms))} ms), first ok ${pgRecoveryMs} ms after restore; ` +
        `redis-restart: ${failures.length - pgFailures} unavailable (max ${Math.max(...failures.slice(pgFailures).map((f) => f.ms), 0)} ms), first ok ${redisRecoveryMs} ms after restore; acked ${acked.size}, lost 0, duplicates 0`,
    );
  }, 180_000);
});
