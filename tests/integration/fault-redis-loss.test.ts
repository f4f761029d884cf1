import { Queue } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../src/db/schema';
import type { RealtimeServer } from '../../src/realtime/server';
import { CHAT_TIMERS_QUEUE, queueTimeoutJobId } from '../../src/infra/jobs';
import { createRedis } from '../../src/lib/redis';
import { ChatHarness, nextEvent, request } from '../helpers/chat';
import { startThrowawayRedis, until, type ThrowawayRedis } from '../helpers/faults';

/**
 * Issue 12: Redis restarted WITHOUT persistence mid-queue. Every key is gone; the realtime node notices
 * (Redis `ready` / heartbeat: the epoch marker is missing) and rebuilds from PostgreSQL and its live
 * sockets. Runs against a redis-server of its own, never the shared one.
 */
let redis: ThrowawayRedis;
let h: ChatHarness;
let node: RealtimeServer;

beforeAll(async () => {
  redis = await startThrowawayRedis();
  h = await new ChatHarness(redis.url).setup();
  node = await h.startNode({ heartbeatTtlSeconds: 3 });
  await h.startWorker();
}, 120_000);
afterAll(async () => {
  await h.teardown();
  await redis.stop();
});

describe('Redis restarted with data loss mid-queue', () => {
  it('restores limits, loads, queue order and timers; a newcomer queues behind; ending a chat assigns the head; an overdue timer fires once', async () => {
    const ws = await h.createWorkspace(1, { receptionLimit: 1 });
    await h.saveSettings(node, ws.workspaceId, 'queue', { timeoutMinutes: 30, timeoutMessage: 'Sorry, nobody could take your chat in time.' });
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    expect((await request(agent, 'status.set', { status: 'online' })).ok).toBe(true);

    const start = async () => {
      const visitor = await h.visitor(node, ws.widgetKey);
      const started = await request(visitor.socket, 'chat.start', {});
      expect(started.ok).toBe(true);
      return { ...visitor, conversationId: started.conversation.id as string, started };
    };
    const served = await start();
    expect(served.started.conversation.status).toBe('active');
    const late = await start(); // will be overdue: its stored enqueue time is moved an hour back
    const first = await start();
    const second = await start();
    expect([late, first, second].map((v) => v.started.queue.position)).toEqual([1, 2, 3]);
    await h.database.db.update(conversations).set({ enqueuedAt: sql`now() - interval '1 hour'` }).where(eq(conversations.id, late.conversationId));

    // Redis dies and comes back empty.
    const lostAt = Date.now();
    await redis.restart();
    const lateEnded = nextEvent<{ kind: string }>(late.socket, 'notice', (n) => n.kind === 'queue_timeout');

    // Presence: status, limit and load come back from the live socket and PostgreSQL (not "load 0, limit 0").
    await until(async () => {
      const a = await node.routing.agent(ws.workspaceId, ws.agents[0].id);
      return a?.status === 'online' && a.limit === 1 && a.load === 1;
    }, 'agent presence restored');
    const recoveredMs = Date.now() - lostAt;

    // The overdue queue timeout fired, once.
    await lateEnded;
    await until(async () => (await h.database.db.select().from(conversations).where(eq(conversations.id, late.conversationId)))[0].status === 'ended', 'overdue chat ended');
    const timeoutNotes = await h.database.db.select().from(messages).where(sql`${messages.conversationId} = ${late.conversationId} and ${messages.body} = 'Sorry, nobody could take your chat in time.'`);
    expect(timeoutNotes).toHaveLength(1);

    // The queue kept its original order; the others' timers were re-derived from their enqueue times.
    await until(async () => (await node.routing.queuePosition(ws.workspaceId, second.conversationId)) === 2, 'queue rebuilt in order');
    expect(await node.routing.queuePosition(ws.workspaceId, first.conversationId)).toBe(1);
    const timers = new Queue(CHAT_TIMERS_QUEUE, { connection: createRedis(redis.url), prefix: `${h.prefix}:bull` });
    try {
      for (const v of [first, second]) {
        const job = await timers.getJob(queueTimeoutJobId(v.conversationId));
        expect(job, 'queue timeout re-armed').toBeTruthy();
        const [row] = await h.database.db.select({ enqueuedAt: conversations.enqueuedAt }).from(conversations).where(eq(conversations.id, v.conversationId));
        // Due 30 minutes after the stored enqueue time (not 30 minutes after the rebuild).
        expect(Math.abs(job!.timestamp + job!.delay - (row.enqueuedAt!.getTime() + 30 * 60_000))).toBeLessThan(2_000);
      }
    } finally {
      await timers.close();
    }

    // A newcomer queues behind the earlier visitors.
    const newcomer = await start();
    expect(newcomer.started.queue.position).toBe(3);

    // Ending the served chat assigns the head of the queue.
    const assigned = nextEvent<{ id: string }>(agent, 'conversation.assigned', (c) => c.id === first.conversationId);
    expect((await request(agent, 'chat.end', { conversationId: served.conversationId })).ok).toBe(true);
    await assigned;
    expect(await node.routing.queuePosition(ws.workspaceId, second.conversationId)).toBe(1);
    expect(await node.routing.queuePosition(ws.workspaceId, newcomer.conversationId)).toBe(2);

    // Nothing stuck: every open conversation is either assigned in Redis or waiting in its queue.
    const open = await h.database.db.select().from(conversations).where(sql`${conversations.workspaceId} = ${ws.workspaceId} and ${conversations.status} <> 'ended'`);
    for (const c of open) {
      const waiting = await node.routing.queuePosition(ws.workspaceId, c.id);
      expect(c.status === 'active' ? (await node.routing.agent(ws.workspaceId, ws.agents[0].id))?.load : waiting, `conversation ${c.status}`).toBeTruthy();
    }
    console.info(`[fault] redis-loss: presence/queues restored ${recoveredMs} ms after the restart; lost 0, stuck 0`);
  }, 180_000);
});
