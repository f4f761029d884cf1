import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStaffToken } from '../../src/lib/tokens';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';

/**
 * Conversation events cross nodes with ONE publish (src/realtime/fanout.ts) instead of one per namespace:
 * visitor on node A, agent on node B, a supervisor watching from node A. Everyone gets every message
 * exactly once (no echo of a node's own publish), and the end-of-chat note arrives before the
 * conversation update that follows it.
 */
const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
});
afterAll(() => h.teardown());

function collect(socket: Socket, conversationId: string): number[] {
  const seqs: number[] = [];
  socket.on('message', (m: { seq: number; conversationId: string }) => m.conversationId === conversationId && seqs.push(m.seq));
  return seqs;
}

describe('conversation fan-out across nodes', () => {
  it('delivers every message exactly once to visitor, agent and watching supervisor on different nodes', async () => {
    const ws = await h.createWorkspace(1, { receptionLimit: 5 });
    const agent = await h.staff(nodeB, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(nodeA, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    const conversationId: string = started.conversation.id;

    const supervisor = h.raw(nodeA, '/monitor', { token: await signStaffToken(TEST_AUTH_SECRET, { uid: ws.adminId, wid: ws.workspaceId, role: 'admin' }) });
    await new Promise<void>((resolve, reject) => {
      supervisor.once('connect', () => resolve());
      supervisor.once('connect_error', reject);
    });
    expect((await request(supervisor, 'monitor.watch', { conversationId })).ok).toBe(true);

    const byVisitor = collect(visitor, conversationId);
    const byAgent = collect(agent, conversationId);
    const bySupervisor = collect(supervisor, conversationId);
    const sends = [];
    for (let i = 0; i < 15; i++) {
      sends.push(request(visitor, 'message.send', { conversationId, clientMsgId: `v${i}`, body: `visitor ${i}` }));
      sends.push(request(agent, 'message.send', { conversationId, clientMsgId: `a${i}`, body: `agent ${i}` }));
    }
    const acks = await Promise.all(sends);
    expect(acks.every((a) => a.ok)).toBe(true);
    const expected = acks.map((a) => a.message.seq as number).sort((a, b) => a - b);

    for (const seen of [byVisitor, byAgent, bySupervisor]) {
      await expect.poll(() => seen.length).toBeGreaterThanOrEqual(expected.length);
    }
    // A marker message sent last arrives after everything else, so no late duplicate can still be in flight.
    const marker = await request(agent, 'message.send', { conversationId, clientMsgId: 'marker', body: 'marker' });
    await expect.poll(() => byVisitor.includes(marker.message.seq) && bySupervisor.includes(marker.message.seq)).toBe(true);
    for (const seen of [byVisitor, byAgent, bySupervisor]) expect([...seen].sort((a, b) => a - b)).toEqual([...expected, marker.message.seq]);

    // The agent (node B) ends the chat: on node A the visitor sees the closing note before the update.
    const order: string[] = [];
    visitor.on('message', (m: { senderType: string; conversationId: string }) => m.senderType === 'system' && order.push('note'));
    const updated = nextEvent<{ status: string }>(visitor, 'conversation.updated', (c) => c.status === 'ended');
    visitor.on('conversation.updated', (c: { status: string }) => c.status === 'ended' && order.push('updated'));
    expect((await request(agent, 'chat.end', { conversationId })).ok).toBe(true);
    await updated;
    expect(order).toEqual(['note', 'updated']);
  });
});
