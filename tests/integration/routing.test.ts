import { Queue } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages, skillGroups, userSkillGroups, visitors } from '../../src/db/schema';
import { loadRoutingProfiles } from '../../src/domain/accounts/routing-profile';
import { assertRoutingReferences } from '../../src/domain/routing/references';
import type { RealtimeServer } from '../../src/realtime/server';
import { CHAT_TIMERS_QUEUE, replyTimeoutJobId } from '../../src/infra/jobs';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';

const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
});
afterAll(() => h.teardown());

async function onlineAgents(ws: TestWorkspace, nodes: RealtimeServer[]): Promise<Socket[]> {
  const sockets = [];
  for (const [i, agent] of ws.agents.entries()) {
    const socket = await h.staff(nodes[i % nodes.length], ws.workspaceId, agent.id);
    expect((await request(socket, 'status.set', { status: 'online' })).ok).toBe(true);
    sockets.push(socket);
  }
  return sockets;
}

async function createGroup(workspaceId: string, name: string, agentIds: string[]): Promise<string> {
  const [group] = await h.database.db.insert(skillGroups).values({ workspaceId, name }).returning({ id: skillGroups.id });
  if (agentIds.length) await h.database.db.insert(userSkillGroups).values(agentIds.map((userId) => ({ userId, groupId: group.id, workspaceId })));
  return group.id;
}

/** Re-reads routing profiles from the database, as the console does after a change. */
async function syncProfiles(ws: TestWorkspace) {
  await nodeA.chat.agents.refreshAgents(ws.workspaceId, await loadRoutingProfiles(h.database.db, ws.workspaceId));
}

describe('atomic assignment under concurrency across two nodes', () => {
  it('210 simultaneous chats against 4 agents with limit 2: exactly 8 assigned, the rest queued in order, then drained in order', async () => {
    const ws = await h.createWorkspace(4, { receptionLimit: 2 });
    await h.saveSettings(nodeA, ws.workspaceId, 'queue', { maxLength: 1000 });
    await onlineAgents(ws, [nodeA, nodeB]);

    const visitors = await Promise.all(Array.from({ length: 210 }, (_, i) => h.visitor(i % 2 ? nodeA : nodeB, ws.widgetKey)));
    const starts = await Promise.all(visitors.map(({ socket }) => request(socket, 'chat.start', {})));
    expect(starts.every((s) => s.ok)).toBe(true);

    const rows = await h.database.db.select().from(conversations).where(eq(conversations.workspaceId, ws.workspaceId));
    expect(rows).toHaveLength(210);
    const active = rows.filter((r) => r.status === 'active');
    const queued = rows.filter((r) => r.status === 'queued');
    expect(active).toHaveLength(8);
    expect(queued).toHaveLength(202);

    // No agent above its limit, in PostgreSQL and in Redis; no chat assigned twice.
    for (const agent of ws.agents) {
      expect(active.filter((r) => r.agentId === agent.id)).toHaveLength(2);
      expect((await nodeB.routing.agent(ws.workspaceId, agent.id))?.load).toBe(2);
    }
    expect(new Set(active.map((r) => r.id)).size).toBe(8);

    // The queue holds exactly the queued chats, positions 1..202.
    const order = await nodeA.routing.queuedEntries(ws.workspaceId, 'all');
    expect(order.map((e) => e.conversationId).sort()).toEqual(queued.map((r) => r.id).sort());
    expect(await nodeA.routing.queueLength(ws.workspaceId)).toBe(202);
    const positions = starts.filter((s) => s.conversation.status === 'queued').map((s) => s.queue.position);
    expect(new Set(positions).size).toBe(202);

    // Freeing capacity assigns the head of the queue at once, in order.
    const agentSocket = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
    const firstActive = active.find((r) => r.agentId === ws.agents[0].id)!;
    await request(agentSocket, 'chat.end', { conversationId: firstActive.id });
    const [head] = await h.database.db.select().from(conversations).where(eq(conversations.id, order[0].conversationId));
    expect(head).toMatchObject({ status: 'active', agentId: ws.agents[0].id });

    // Raising every limit drains the rest, strictly in queue order.
    await h.database.db.execute(sql`update users set reception_limit = 100 where workspace_id = ${ws.workspaceId}`);
    await syncProfiles(ws);
    const drained = await h.database.db
      .select({ id: conversations.id, status: conversations.status })
      .from(conversations)
      .where(inArray(conversations.id, order.slice(1).map((e) => e.conversationId)))
      .orderBy(conversations.assignedAt);
    expect(drained.every((r) => r.status === 'active')).toBe(true);
    expect(drained.map((r) => r.id)).toEqual(order.slice(1).map((e) => e.conversationId));
    expect(await nodeA.routing.queueLength(ws.workspaceId)).toBe(0);
    const loads = await Promise.all(ws.agents.map(async (a) => (await nodeA.routing.agent(ws.workspaceId, a.id))!.load));
    expect(loads.reduce((x, y) => x + y, 0)).toBe(209);
  }, 120_000); // hundreds of real sockets and round trips: minutes on a loaded two-core machine
});

describe('queue behaviour', () => {
  it('pushes live position updates and serves VIP first', async () => {
    const ws = await h.createWorkspace(1, { receptionLimit: 1 });
    const [agent] = await onlineAgents(ws, [nodeB]);
    const first = await h.visitor(nodeA, ws.widgetKey);
    const firstStart = await request(first.socket, 'chat.start', {});
    expect(firstStart.conversation.status).toBe('active');

    const normal1 = await h.visitor(nodeA, ws.widgetKey);
    const normal2 = await h.visitor(nodeB, ws.widgetKey);
    const vip = await h.visitor(nodeA, ws.widgetKey);
    await h.database.db.update(visitors).set({ vip: true }).where(eq(visitors.id, vip.session.visitorId));
    const s1 = await request(normal1.socket, 'chat.start', {});
    const s2 = await request(normal2.socket, 'chat.start', {});
    expect(s1.queue).toMatchObject({ position: 1 });
    expect(s1.queue.text).toMatch(/number 1 in the queue/);
    expect(s2.queue.position).toBe(2);
    const movedBack = nextEvent<{ position: number }>(normal2.socket, 'queue.position', (p) => p.position === 3);
    const sv = await request(vip.socket, 'chat.start', {});
    expect(sv.queue.position).toBe(1);
    await movedBack;

    // The agent ends the first chat: the VIP is assigned, everyone moves up.
    const normal1MovesUp = nextEvent<{ position: number; text: string }>(normal1.socket, 'queue.position', (p) => p.position === 1);
    const vipAssigned = nextEvent<{ status: string }>(vip.socket, 'conversation.updated', (c) => c.status === 'active');
    await request(agent, 'chat.end', { conversationId: firstStart.conversation.id });
    await vipAssigned;
    expect((await normal1MovesUp).text).toMatch(/now number 1/);

    // Leaving the queue removes the chat and moves the others.
    const normal2MovesUp = nextEvent<{ position: number }>(normal2.socket, 'queue.position', (p) => p.position === 1);
    await request(normal1.socket, 'chat.end', { conversationId: s1.conversation.id });
    await normal2MovesUp;
    expect(await nodeA.routing.queuePosition(ws.workspaceId, s1.conversation.id)).toBeNull();
  }, 120_000); // hundreds of real sockets and round trips: minutes on a loaded two-core machine

  it('refuses newcomers when the queue is full, and with the queue off tells them no agent is available', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(nodeA, ws.workspaceId, 'queue', { maxLength: 1, fullMessage: 'Queue full, sorry.' });
    const a = await h.visitor(nodeA, ws.widgetKey);
    expect((await request(a.socket, 'chat.start', {})).conversation.status).toBe('queued');
    const b = await h.visitor(nodeB, ws.widgetKey);
    const notice = nextEvent<{ kind: string; text: string }>(b.socket, 'notice');
    const refused = await request(b.socket, 'chat.start', {});
    expect(refused.conversation.status).toBe('ended');
    expect(await notice).toMatchObject({ kind: 'queue_full', text: 'Queue full, sorry.' });

    await h.saveSettings(nodeA, ws.workspaceId, 'queue', { enabled: false });
    await h.saveSettings(nodeA, ws.workspaceId, 'mode', { noAgentNotice: 'Nobody is here right now.' });
    const c = await h.visitor(nodeB, ws.widgetKey);
    const noAgent = nextEvent<{ kind: string; text: string }>(c.socket, 'notice');
    expect((await request(c.socket, 'chat.start', {})).conversation.status).toBe('ended');
    expect(await noAgent).toMatchObject({ kind: 'no_agent', text: 'Nobody is here right now.' });
  });

  it('times a waiting chat out exactly once, even with two workers', async () => {
    const ws = await h.createWorkspace(1);
    await h.startWorker();
    await h.startWorker();
    await h.saveSettings(nodeA, ws.workspaceId, 'queue', { timeoutMinutes: 0.02, timeoutAction: 'end', timeoutMessage: 'Sorry, all agents are still busy.' });
    const v = await h.visitor(nodeA, ws.widgetKey);
    const notices: { kind: string }[] = [];
    v.socket.on('notice', (n) => notices.push(n));
    const ended = nextEvent<{ status: string; endedBy: string }>(v.socket, 'conversation.updated', (c) => c.status === 'ended');
    const start = await request(v.socket, 'chat.start', {});
    expect(start.conversation.status).toBe('queued');
    expect(await ended).toMatchObject({ endedBy: 'system' });
    expect(notices.filter((n) => n.kind === 'queue_timeout')).toHaveLength(1);
    const timeoutMessages = await h.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, start.conversation.id), eq(messages.body, 'Sorry, all agents are still busy.')));
    expect(timeoutMessages).toHaveLength(1);
    expect(await nodeA.routing.queueLength(ws.workspaceId)).toBe(0);
  });
});

describe('rules, overflow and designation', () => {
  it('overflows to the next target when the rule target has no online agent', async () => {
    const ws = await h.createWorkspace(2);
    const sales = await createGroup(ws.workspaceId, 'Sales', [ws.agents[0].id]);
    const support = await createGroup(ws.workspaceId, 'Support', [ws.agents[1].id]);
    await syncProfiles(ws);
    await h.saveSettings(nodeA, ws.workspaceId, 'assignment', {
      rules: [{ id: 'r1', name: 'Pricing to sales', conditions: { entryUrlPattern: '*/pricing*' }, target: { type: 'group', id: sales }, overflow: [{ type: 'group', id: support }] }],
    });
    const supportAgent = await h.staff(nodeB, ws.workspaceId, ws.agents[1].id);
    await request(supportAgent, 'status.set', { status: 'online' });
    const v = await h.visitor(nodeA, ws.widgetKey);
    const start = await request(v.socket, 'chat.start', { entryUrl: 'https://shop.example/pricing' });
    expect(start.conversation).toMatchObject({ status: 'active', agentId: ws.agents[1].id, groupId: support });
  });

  it('queues a "must" designation for the designated agent even when others are free; "may" overflows', async () => {
    const ws = await h.createWorkspace(2);
    const other = await h.staff(nodeA, ws.workspaceId, ws.agents[1].id);
    await request(other, 'status.set', { status: 'online' });
    const designatedId = ws.agents[0].id;
    const must = await h.visitor(nodeA, ws.widgetKey);
    const mustStart = await request(must.socket, 'chat.start', { designated: { type: 'agent', id: designatedId, mode: 'must' } });
    expect(mustStart.conversation.status).toBe('queued');
    const may = await h.visitor(nodeB, ws.widgetKey);
    const mayStart = await request(may.socket, 'chat.start', { designated: { type: 'agent', id: designatedId, mode: 'may' } });
    expect(mayStart.conversation).toMatchObject({ status: 'active', agentId: ws.agents[1].id });

    // The designated agent comes online and gets the chat that waited for them.
    const assigned = nextEvent<{ agentId: string }>(must.socket, 'conversation.updated', (c) => c.agentId === designatedId);
    const designated = await h.staff(nodeB, ws.workspaceId, designatedId);
    await request(designated, 'status.set', { status: 'online' });
    await assigned;
  });

  it('ignores a designation pointing outside the workspace', async () => {
    const ws = await h.createWorkspace(1);
    const foreign = await h.createWorkspace(1);
    const agent = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const v = await h.visitor(nodeA, ws.widgetKey);
    const start = await request(v.socket, 'chat.start', { designated: { type: 'agent', id: foreign.agents[0].id, mode: 'must' } });
    expect(start.conversation).toMatchObject({ status: 'active', agentId: ws.agents[0].id });
  });

  it('refuses settings that reference another workspace’s groups or agents', async () => {
    const ws = await h.createWorkspace(0);
    const foreign = await h.createWorkspace(1);
    const foreignGroup = await createGroup(foreign.workspaceId, 'Theirs', []);
    await expect(assertRoutingReferences(h.database.db, ws.workspaceId, 'assignment', { rules: [{ id: 'x', name: 'x', target: { type: 'group', id: foreignGroup } }] })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(assertRoutingReferences(h.database.db, ws.workspaceId, 'assignment', { defaultRule: { target: { type: 'agent', id: foreign.agents[0].id } } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(assertRoutingReferences(h.database.db, ws.workspaceId, 'queue', { groupMaxLength: { [foreignGroup]: 3 } })).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('transfer', () => {
  it('moves a chat and its capacity to a group’s agent by hand; auto-transfer never returns to a tried agent', async () => {
    const ws = await h.createWorkspace(3, { receptionLimit: 2 });
    const group = await createGroup(ws.workspaceId, 'Escalations', [ws.agents[1].id, ws.agents[2].id]);
    await syncProfiles(ws);
    await h.saveSettings(nodeA, ws.workspaceId, 'assignment', { defaultRule: { target: { type: 'agent', id: ws.agents[0].id } }, autoTransfer: { enabled: true, seconds: 60 } });
    const [a0, a1, a2] = await onlineAgents(ws, [nodeA, nodeB, nodeA]);
    const v = await h.visitor(nodeB, ws.widgetKey);
    const start = await request(v.socket, 'chat.start', {});
    const conversationId = start.conversation.id;
    expect(start.conversation.agentId).toBe(ws.agents[0].id);

    // The reply timer is a durable BullMQ job for this agent.
    const timers = new Queue(CHAT_TIMERS_QUEUE, { connection: h.redis, prefix: `${h.prefix}:bull` });
    const job = await timers.getJob(replyTimeoutJobId(conversationId, ws.agents[0].id));
    expect(job?.opts.delay).toBe(60_000);
    await timers.close();

    const targets = await request(a0, 'transfer.targets', {});
    expect(targets.groups.map((g: { id: string }) => g.id)).toContain(group);
    const assignedTo = new Map<string, Promise<{ id: string } | null>>([
      [ws.agents[1].id, nextEvent<{ id: string }>(a1, 'conversation.assigned', (c) => c.id === conversationId, 5_000).catch(() => null)],
      [ws.agents[2].id, nextEvent<{ id: string }>(a2, 'conversation.assigned', (c) => c.id === conversationId, 5_000).catch(() => null)],
    ]);
    const moved = await request(a0, 'chat.transfer', { conversationId, to: { type: 'group', id: group } });
    expect(moved.ok).toBe(true);
    const newAgent = moved.conversation.agentId;
    expect([ws.agents[1].id, ws.agents[2].id]).toContain(newAgent);
    expect(await assignedTo.get(newAgent)).toMatchObject({ id: conversationId });
    expect((await nodeA.routing.agent(ws.workspaceId, ws.agents[0].id))?.load).toBe(0);
    expect((await nodeA.routing.agent(ws.workspaceId, newAgent))?.load).toBe(1);
    // The old agent can no longer write in it.
    expect((await request(a0, 'message.send', { conversationId, clientMsgId: 'late', body: 'still here?' })).error.code).toBe('forbidden');

    // The new agent does not reply: auto-transfer goes to the one agent not tried yet, never back to agent 0.
    expect(await nodeA.chat.transfers.onReplyTimeout(ws.workspaceId, conversationId, newAgent)).toBe('transferred');
    const [row] = await h.database.db.select().from(conversations).where(eq(conversations.id, conversationId));
    const third = [ws.agents[1].id, ws.agents[2].id].find((id) => id !== newAgent);
    expect(row.agentId).toBe(third);
    // Everyone has been tried now: the chat stays where it is.
    expect(await nodeA.chat.transfers.onReplyTimeout(ws.workspaceId, conversationId, third!)).toBe('no_agent');
  });

  it('does not auto-transfer once the agent has replied', async () => {
    const ws = await h.createWorkspace(2);
    const [a0] = await onlineAgents(ws, [nodeA, nodeB]);
    const v = await h.visitor(nodeA, ws.widgetKey);
    const start = await request(v.socket, 'chat.start', {});
    const agentSocket = start.conversation.agentId === ws.agents[0].id ? a0 : await h.staff(nodeA, ws.workspaceId, start.conversation.agentId);
    await request(agentSocket, 'message.send', { conversationId: start.conversation.id, clientMsgId: 'r1', body: 'Hi! How can I help?' });
    expect(await nodeB.chat.transfers.onReplyTimeout(ws.workspaceId, start.conversation.id, start.conversation.agentId)).toBe('replied');
  });
});

describe('presence across node failure', () => {
  it('marks the agents of a crashed node offline once its heartbeat expires', async () => {
    const ws = await h.createWorkspace(1);
    const doomed = await h.startNode({ heartbeatTtlSeconds: 1 });
    await h.startWorker({ sweepEveryMs: 300 });
    const agent = await h.staff(doomed, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    await doomed.crash();
    await expect
      .poll(async () => (await nodeA.routing.agent(ws.workspaceId, ws.agents[0].id))?.status, { timeout: 10_000, interval: 200 })
      .toBe('offline');
    expect(await nodeA.routing.socketCount(ws.workspaceId, ws.agents[0].id)).toBe(0);
  });

  it('applies a raised reception limit at once and pulls from the queue', async () => {
    const ws = await h.createWorkspace(1, { receptionLimit: 1 });
    await onlineAgents(ws, [nodeA]);
    const first = await h.visitor(nodeA, ws.widgetKey);
    await request(first.socket, 'chat.start', {});
    const second = await h.visitor(nodeB, ws.widgetKey);
    expect((await request(second.socket, 'chat.start', {})).conversation.status).toBe('queued');
    const assigned = nextEvent<{ status: string }>(second.socket, 'conversation.updated', (c) => c.status === 'active');
    await h.database.db.execute(sql`update users set reception_limit = 2 where id = ${ws.agents[0].id}`);
    await syncProfiles(ws);
    await assigned;
  });
});
