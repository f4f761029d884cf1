import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingEngine } from '../../src/domain/routing/engine';
import { NodeRegistry } from '../../src/domain/routing/nodes';
import { createRedis, RedisKeys } from '../../src/lib/redis';
import { cleanupRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/db';

/**
 * The drain sends its claims in pipelined rounds (engine-queues.ts). Whatever the round size, the outcome
 * must be the sequential one: queue order kept, no agent over its limit, the least saturated served first.
 */
let redis: Redis;
const prefix = uniqueRedisPrefix();

beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL);
});
afterAll(async () => {
  await cleanupRedisPrefix(redis, prefix);
  redis.disconnect();
});

async function world(agentCount: number, limit: number, waiting: number, groups: string[] = []) {
  const engine = new RoutingEngine(redis, prefix);
  const ws = randomUUID();
  const agents = Array.from({ length: agentCount }, (_, i) => ({ id: randomUUID(), groupIds: groups.length ? [groups[i % groups.length]] : [] }));
  for (const a of agents) await engine.upsertAgent(ws, { id: a.id, limit, groupIds: a.groupIds });
  const queued: string[] = [];
  for (let i = 0; i < waiting; i++) {
    const conversationId = randomUUID();
    queued.push(conversationId);
    const target = groups.length ? { type: 'group' as const, id: groups[i % groups.length] } : { type: 'all' as const };
    const out = await engine.enqueue(ws, { conversationId, visitorId: randomUUID(), target, vip: false, enqueuedAt: Date.now() + i }, { globalMax: 10_000, targetMax: 0, vipPriority: true });
    expect(out.kind).toBe('queued');
  }
  return { engine, ws, agents, queued };
}

describe('pipelined drain', () => {
  it('hands the oldest chats to free capacity, never over a limit, spreading load evenly (more chats than one round)', async () => {
    const { engine, ws, agents, queued } = await world(40, 2, 100);
    for (const a of agents) await engine.setStatus(ws, a.id, 'online');
    const assigned = await engine.drain(ws);
    expect(assigned).toHaveLength(80);
    // Oldest first: the 80 assigned are exactly the first 80 queued, in order.
    expect(assigned.map((a) => a.conversationId)).toEqual(queued.slice(0, 80));
    const perAgent = new Map<string, number>();
    for (const a of assigned) perAgent.set(a.agentId, (perAgent.get(a.agentId) ?? 0) + 1);
    expect([...perAgent.values()].every((n) => n === 2)).toBe(true);
    // Saturation: every agent got one chat before any got a second.
    expect(new Set(assigned.slice(0, 40).map((a) => a.agentId)).size).toBe(40);
    expect(await engine.allQueues(ws).then((q) => [...q.values()].flat().map((e) => e.conversationId))).toEqual(queued.slice(80));
  });

  it('with fewer chats than agents, assigns each once and stops; a second drain finds nothing', async () => {
    const { engine, ws, agents } = await world(50, 3, 5);
    for (const a of agents) await engine.setStatus(ws, a.id, 'online');
    const assigned = await engine.drain(ws);
    expect(assigned).toHaveLength(5);
    expect(new Set(assigned.map((a) => a.agentId)).size).toBe(5);
    expect(await engine.drain(ws)).toEqual([]);
  });

  it('only agents of a chat’s group take it, and an agent whose queues are empty drops out of the pass', async () => {
    const groups = [randomUUID(), randomUUID()];
    const { engine, ws, agents, queued } = await world(6, 5, 40, groups);
    // Only the agents of the first group come online: the second group's chats keep waiting.
    const online = agents.filter((a) => a.groupIds[0] === groups[0]);
    for (const a of online) await engine.setStatus(ws, a.id, 'online');
    const assigned = await engine.drain(ws);
    const firstGroupChats = queued.filter((_, i) => i % 2 === 0);
    expect(assigned.map((a) => a.conversationId)).toEqual(firstGroupChats.slice(0, 15));
    expect(assigned.every((a) => online.some((o) => o.id === a.agentId))).toBe(true);
  });
});

describe('visitor presence on the message path (offline flag)', () => {
  it('a visitor counts as connected only through a live node; a node seen alive is trusted for at most a second', async () => {
    const engine = new RoutingEngine(redis, prefix);
    const nodes = new NodeRegistry(redis, prefix);
    const ws = randomUUID();
    const visitorId = randomUUID();
    expect(await engine.visitorConnected(ws, visitorId)).toBe(false);
    await nodes.heartbeat('node-x', 30);
    await engine.addVisitorSocket(ws, visitorId, 'socket-1', 'node-x');
    expect(await engine.visitorConnected(ws, visitorId)).toBe(true);
    // The node dies (heartbeat gone): within the cache window the answer may still be "connected", then not.
    await redis.del(new RedisKeys(prefix).nodeHeartbeat('node-x'));
    const diedAt = Date.now();
    while (await engine.visitorConnected(ws, visitorId)) {
      expect(Date.now() - diedAt).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A fresh engine (another node) never cached it: disconnected at once.
    expect(await new RoutingEngine(redis, prefix).visitorConnected(ws, visitorId)).toBe(false);
  });
});
