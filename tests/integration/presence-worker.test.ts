import { eq } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentStatusLog } from '../../src/db/schema';
import { PRESENCE_QUEUE, presenceGraceJobId } from '../../src/infra/jobs';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';

const h = new ChatHarness();
let ws: TestWorkspace;
let queue: Queue;

/** The pending grace-timer job for an agent, if any. */
const graceJob = (agentId: string) => queue.getJob(presenceGraceJobId(ws.workspaceId, agentId));

beforeAll(async () => {
  await h.setup();
  ws = await h.createWorkspace(2);
  queue = new Queue(PRESENCE_QUEUE, { connection: h.redis, prefix: `${h.prefix}:bull` });
});
afterAll(async () => {
  await queue.close();
  await h.teardown();
});

describe('presence grace timer (BullMQ worker)', () => {
  it('marks an agent offline after the grace period once all their sockets dropped', async () => {
    const node = await h.startNode({ presenceGraceSeconds: 1 });
    await h.startWorker();
    const agentId = ws.agents[0].id;
    const first = await h.staff(node, ws.workspaceId, agentId);
    const second = await h.staff(node, ws.workspaceId, agentId);
    await request(first, 'status.set', { status: 'online' });

    // One of two sockets dropping keeps the agent online and schedules nothing.
    first.disconnect();
    await expect.poll(() => node.routing.socketCount(ws.workspaceId, agentId)).toBe(1);
    expect(await graceJob(agentId)).toBeUndefined();

    // The last socket dropping schedules the durable timer; the worker flips the agent offline.
    second.disconnect();
    await expect.poll(() => node.routing.socketCount(ws.workspaceId, agentId)).toBe(0);
    await expect.poll(async () => (await node.routing.agent(ws.workspaceId, agentId))?.status, { timeout: 10_000, interval: 100 }).toBe('offline');
    // The status log is written right after the Redis flip: wait for the row rather than racing it.
    const offlineReasons = async () =>
      (await h.database.db.select().from(agentStatusLog).where(eq(agentStatusLog.userId, agentId)))
        .filter((l) => l.status === 'offline')
        .map((l) => l.reason);
    await expect.poll(offlineReasons, { timeout: 5_000, interval: 50 }).toEqual(['disconnected']);
  });

  it('cancels the timer when the agent reconnects within the grace period', async () => {
    const node = await h.startNode({ presenceGraceSeconds: 30 });
    const agentId = ws.agents[1].id;
    const first = await h.staff(node, ws.workspaceId, agentId);
    await request(first, 'status.set', { status: 'online' });
    first.disconnect();
    await expect.poll(async () => (await graceJob(agentId))?.id).toBe(presenceGraceJobId(ws.workspaceId, agentId));
    await h.staff(node, ws.workspaceId, agentId);
    expect(await graceJob(agentId)).toBeUndefined();
    expect((await node.routing.agent(ws.workspaceId, agentId))?.status).toBe('online');
  });
});

describe('two realtime nodes over the Redis adapter', () => {
  it('delivers a visitor on node A to an agent on node B and relays both ways', async () => {
    const nodeA = await h.startNode();
    const nodeB = await h.startNode();
    const other = await h.createWorkspace(1);
    const agent = await h.staff(nodeB, other.workspaceId, other.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(nodeA, other.widgetKey);
    const assigned = nextEvent<{ id: string }>(agent, 'conversation.assigned');
    const started = await request(visitor, 'chat.start', {});
    const conversationId = started.conversation.id;
    expect((await assigned).id).toBe(conversationId);

    const atAgent = nextEvent<{ body: string }>(agent, 'message', (m) => m.body === 'from node A');
    await request(visitor, 'message.send', { conversationId, clientMsgId: 'x1', body: 'from node A' });
    await atAgent;
    // The agent on node B was joined to the conversation room remotely and can reply.
    const atVisitor = nextEvent<{ body: string }>(visitor, 'message', (m) => m.body === 'from node B');
    const reply = await request(agent, 'message.send', { conversationId, clientMsgId: 'y1', body: 'from node B' });
    expect(reply.ok).toBe(true);
    await atVisitor;
  });
});
