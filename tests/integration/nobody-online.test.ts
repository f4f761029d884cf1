import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '../../src/db/schema';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { until } from '../helpers/faults';

/**
 * Issue 21 item 2, through real sockets, PostgreSQL, Redis and BullMQ: a new workspace with nobody online,
 * and visitors who leave while their chat waits.
 */
const h = new ChatHarness();
let node: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
}, 60_000);
afterAll(() => h.teardown());

async function row(conversationId: string) {
  const [r] = await h.database.db.select().from(conversations).where(eq(conversations.id, conversationId));
  return r;
}

async function queuedChat(ws: TestWorkspace) {
  const v = await h.visitor(node, ws.widgetKey);
  const started = await request(v.socket, 'chat.start', {});
  expect(started.ok).toBe(true);
  return { ...v, conversationId: started.conversation.id as string, started };
}

describe('a new workspace with nobody online (product defaults)', () => {
  it('offers the leave-a-message form instead of queueing, and has ratings on', async () => {
    const ws = await h.createWorkspace(1, { productDefaults: true });
    const { socket } = await h.visitor(node, ws.widgetKey);
    const offered = nextEvent<{ kind: string; offer?: unknown }>(socket, 'notice', (n) => n.kind === 'submission_offered');
    const started = await request(socket, 'chat.start', {});
    expect(started.ok).toBe(true);
    expect(started.conversation.status).toBe('ended');
    expect((await offered).offer).toBeTruthy();
    expect(started.queue).toBeNull();

    // Satisfaction is on: a chat an agent served ends with an invitation to rate.
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const second = await h.visitor(node, ws.widgetKey);
    const chat = await request(second.socket, 'chat.start', {});
    expect(chat.conversation.status).toBe('active');
    const invited = nextEvent<{ by: string }>(second.socket, 'rating.invite');
    await request(agent, 'chat.end', { conversationId: chat.conversation.id });
    expect((await invited).by).toBe('end');
  });

  it('keeps a saved choice: a workspace that turned the form off queues, with a queue text for people', async () => {
    const ws = await h.createWorkspace(1, { productDefaults: true });
    await h.saveSettings(node, ws.workspaceId, 'submission', { enabled: false });
    const { started } = await queuedChat(ws);
    expect(started.conversation.status).toBe('queued');
    expect(started.queue.position).toBe(1);
    expect(started.queue.waitSeconds).toBeNull();
    expect(started.queue.text).toBe('All our agents are busy. You are number 1 in the queue.');
    expect(started.queue.text).not.toMatch(/unknown/);
  });
});

describe('a visitor who leaves while waiting', () => {
  it('leaves the queue as abandoned after the grace period, and the agent who comes online gets nothing', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'queue', { abandonAfterSeconds: 1 });
    const worker = await h.startWorker();
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    const chat = await queuedChat(ws);
    expect(chat.started.conversation.status).toBe('queued');

    const emptied = nextEvent<{ waiting: number }>(agent, 'queue.length', (q) => q.waiting === 0, 15_000);
    chat.socket.disconnect();
    await emptied;
    const ended = await until(async () => ((await row(chat.conversationId)).status === 'ended' ? row(chat.conversationId) : null), 'the abandoned chat to end');
    expect(ended.endedBy).toBe('abandoned');

    const presence = await request(agent, 'status.set', { status: 'online' });
    expect(presence.presence.load).toBe(0);
    expect((await row(chat.conversationId)).agentId).toBeNull();
    await worker.close();
  }, 30_000);

  it('stays queued when the visitor comes back within the grace period', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'queue', { abandonAfterSeconds: 60 });
    const chat = await queuedChat(ws);
    chat.socket.disconnect();
    await until(async () => !(await node.routing.visitorConnected(ws.workspaceId, chat.session.visitorId)), 'the visitor to be gone');
    // Back (a reload): the timer's check finds the visitor connected and keeps the chat.
    const back = await h.visitor(node, ws.widgetKey, chat.session.token);
    expect(back.session.conversation?.id).toBe(chat.conversationId);
    expect(await node.chat.abandonment.onVisitorGone(ws.workspaceId, chat.session.visitorId)).toBe('returned');
    expect((await row(chat.conversationId)).status).toBe('queued');

    // Gone again: the use case ends the chat and publishes the domain event reports count.
    const published: { from: string; waitedSeconds: number; conversation: { id: string; endedBy: string | null } }[] = [];
    const off = node.chat.events.on('conversation.abandoned', (e) => void published.push(e));
    back.socket.disconnect();
    await until(async () => !(await node.routing.visitorConnected(ws.workspaceId, chat.session.visitorId)), 'the visitor to be gone');
    expect(await node.chat.abandonment.onVisitorGone(ws.workspaceId, chat.session.visitorId)).toBe('abandoned');
    off();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ from: 'queue', conversation: { id: chat.conversationId, endedBy: 'abandoned' } });
    expect(await node.chat.abandonment.onVisitorGone(ws.workspaceId, chat.session.visitorId)).toBe('not_waiting');
  });

  it('survives a restart: the timer set while no worker ran fires in the worker started later', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'queue', { abandonAfterSeconds: 1 });
    const chat = await queuedChat(ws);
    chat.socket.disconnect();
    // The disconnect scheduled a durable BullMQ job; only now does a worker start.
    await until(async () => !(await node.routing.visitorConnected(ws.workspaceId, chat.session.visitorId)), 'the visitor to be gone');
    const worker = await h.startWorker();
    const ended = await until(async () => ((await row(chat.conversationId)).status === 'ended' ? row(chat.conversationId) : null), 'the abandoned chat to end');
    expect(ended.endedBy).toBe('abandoned');
    await worker.close();
  }, 30_000);

  it('always-on: an empty pool chat is abandoned, one with the visitor’s message stays for the agents', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'always_on' });
    await h.saveSettings(node, ws.workspaceId, 'queue', { abandonAfterSeconds: 1 });
    const empty = await queuedChat(ws);
    const written = await queuedChat(ws);
    expect(empty.started.conversation.status).toBe('unassigned');
    expect((await request(written.socket, 'message.send', { conversationId: written.conversationId, clientMsgId: 'w1', body: 'Call me back please' })).ok).toBe(true);
    empty.socket.disconnect();
    written.socket.disconnect();
    const worker = await h.startWorker();
    const abandoned = await until(async () => ((await row(empty.conversationId)).status === 'ended' ? row(empty.conversationId) : null), 'the empty pool chat to end');
    expect(abandoned.endedBy).toBe('abandoned');
    expect(await node.chat.abandonment.onVisitorGone(ws.workspaceId, written.session.visitorId)).toBe('kept');
    expect((await row(written.conversationId)).status).toBe('unassigned');
    await worker.close();
  }, 30_000);
});
