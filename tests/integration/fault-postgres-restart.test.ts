import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema';
import { signStaffToken } from '../../src/lib/tokens';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { freePort, spawnApp, startProxy, until, type AppProcess, type CuttableProxy } from '../helpers/faults';

/**
 * Issue 12: PostgreSQL restarts (6 s) under traffic, with REAL realtime and worker processes. The test
 * puts a TCP proxy between them and PostgreSQL and cuts it (open connections reset, new ones refused),
 * which is what the processes see of a restart; the shared PostgreSQL itself is never touched.
 */
const h = new ChatHarness();
let proxy: CuttableProxy;
let realtime: AppProcess;
let worker: AppProcess;
let realtimePort: number;
let workerPort: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  await h.setup();
  const target = new URL(h.database.url);
  proxy = await startProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(h.database.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  [realtimePort, workerPort] = [await freePort(), await freePort()];
  const env = {
    DATABASE_URL: viaProxy.toString(),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: h.prefix,
    AUTH_SECRET: TEST_AUTH_SECRET,
    REALTIME_PORT: String(realtimePort),
    WORKER_METRICS_PORT: String(workerPort),
    PUBLIC_WEB_URL: 'http://localhost',
  };
  [realtime, worker] = await Promise.all([spawnApp('src/realtime/main.ts', env, 'realtime server listening'), spawnApp('src/worker/main.ts', env, 'worker started')]);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.allSettled([realtime?.stop(), worker?.stop()]);
  await proxy?.close();
  await h.teardown();
});

const ready = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status;

describe('PostgreSQL restarted mid-traffic', () => {
  it('no process exits, sends answer "unavailable" quickly while it is down, no acked message is lost, sends resume', async () => {
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
    let firstOkAfterRestore: number | null = null;
    let restoredAt: number | null = null;
    const traffic = (async () => {
      for (let n = 0; !stop; n++) {
        const clientMsgId = randomUUID();
        for (;;) {
          const sentAt = Date.now();
          const ack = await request(visitor, 'message.send', { conversationId, clientMsgId, body: `message ${n}` });
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

    await until(() => acked.size >= 5, 'traffic before the cut');
    await proxy.cut();
    await until(() => failures.length >= 3, 'sends refused while PostgreSQL is down');
    expect(await ready(realtimePort)).toBe(503);
    await new Promise((r) => setTimeout(r, 6_000)); // the outage lasts 6 s, as in the issue
    const beforeRestore = acked.size;
    await proxy.restore();
    restoredAt = Date.now();
    await until(() => acked.size >= beforeRestore + 5, 'sends resumed after the restart', 30_000);
    stop = true;
    await traffic;

    expect(realtime.exited()).toBe(false);
    expect(worker.exited()).toBe(false);
    // Every failure was an explicit "unavailable" within a few seconds, never a hang or an ok.
    expect(failures.every((f) => f.code === 'unavailable')).toBe(true);
    expect(Math.max(...failures.map((f) => f.ms))).toBeLessThan(10_000);
    // No acknowledged message lost, none stored twice.
    const stored = await h.database.db.select({ clientMsgId: messages.clientMsgId }).from(messages).where(sql`${messages.conversationId} = ${conversationId} and ${messages.senderType} = 'visitor'`);
    const storedIds = stored.map((m) => m.clientMsgId);
    for (const id of acked) expect(storedIds).toContain(id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    await until(async () => (await ready(realtimePort)) === 200 && (await ready(workerPort)) === 200, 'both processes ready again');
    expect(realtime.output()).toMatch(/database recovered/);
    console.info(`[fault] postgres-restart: ${failures.length} sends answered unavailable (max ${Math.max(...failures.map((f) => f.ms))} ms), first ok ${firstOkAfterRestore! - restoredAt} ms after restore, acked ${acked.size}, lost 0`);
  });
});
