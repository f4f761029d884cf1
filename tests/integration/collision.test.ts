import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollisionPresence } from '../../src/domain/collision/presence';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request } from '../helpers/chat';

/** Collision guard (F17): who views and who writes on a conversation, across two realtime nodes. */
const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
});
afterAll(() => h.teardown());

type Viewer = { userId: string; name: string; activity: string };
const collision = (socket: Socket, conversationId: string, test: (viewers: Viewer[]) => boolean) =>
  nextEvent<{ conversationId: string; viewers: Viewer[] }>(socket, 'collision', (e) => e.conversationId === conversationId && test(e.viewers));

describe('collision guard', () => {
  it('shows each staff member looking at a chat who else views it and who types a reply or a note, across nodes', async () => {
    const ws = await h.createWorkspace(2);
    const agent = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const assigned = nextEvent<{ id: string }>(agent, 'conversation.assigned');
    const v = await h.visitor(nodeA, ws.widgetKey);
    await request(v.socket, 'chat.start', {});
    const conversationId = (await assigned).id;

    // An agent who does not have the chat may not watch it.
    const other = await h.staff(nodeB, ws.workspaceId, ws.agents[1].id);
    expect((await request(other, 'collision.update', { conversationId, activity: 'viewing' })).error.code).toBe('forbidden');

    // The agent (node A) opens the chat; then the admin (node B) does: both see both.
    const first = await request(agent, 'collision.update', { conversationId, activity: 'viewing' });
    expect(first.viewers.map((x: Viewer) => x.userId)).toEqual([ws.agents[0].id]);
    const admin = await h.staff(nodeB, ws.workspaceId, ws.adminId, 'admin');
    const agentSeesAdmin = collision(agent, conversationId, (list) => list.length === 2);
    const second = await request(admin, 'collision.update', { conversationId, activity: 'viewing' });
    expect(second.viewers.map((x: Viewer) => x.userId).sort()).toEqual([ws.adminId, ws.agents[0].id].sort());
    expect((await agentSeesAdmin).viewers.find((x) => x.userId === ws.adminId)?.activity).toBe('viewing');

    // Typing a reply on node A shows on node B; a note likewise.
    const replying = collision(admin, conversationId, (list) => list.some((x) => x.userId === ws.agents[0].id && x.activity === 'replying'));
    await request(agent, 'collision.update', { conversationId, activity: 'replying' });
    expect((await replying).viewers).toHaveLength(2);
    const noting = collision(agent, conversationId, (list) => list.some((x) => x.userId === ws.adminId && x.activity === 'noting'));
    await request(admin, 'collision.update', { conversationId, activity: 'noting' });
    await noting;

    // A second tab of the same agent counts once, with the strongest activity.
    const tab = await h.staff(nodeB, ws.workspaceId, ws.agents[0].id);
    const both = await request(tab, 'collision.update', { conversationId, activity: 'viewing' });
    expect(both.viewers).toHaveLength(2);
    expect(both.viewers.find((x: Viewer) => x.userId === ws.agents[0].id).activity).toBe('replying');
    tab.disconnect();

    // Closing the chat (admin) and disconnecting (agent) take them off the list at once.
    const adminLeft = collision(agent, conversationId, (list) => !list.some((x) => x.userId === ws.adminId));
    await request(admin, 'collision.update', { conversationId, activity: 'left' });
    await adminLeft;
    await request(admin, 'collision.update', { conversationId, activity: 'viewing' });
    const agentGone = collision(admin, conversationId, (list) => list.length === 1 && list[0].userId === ws.adminId);
    agent.disconnect();
    await agentGone;
  });

  it('forgets a viewer whose node died once the entry expires', async () => {
    let now = 1_000_000;
    const presence = new CollisionPresence(h.redis, h.prefix, 30, () => now);
    await presence.set('w1', 'c1', 's1', { userId: 'u1', name: 'Ada', activity: 'replying' });
    await presence.set('w1', 'c1', 's2', { userId: 'u2', name: 'Bo', activity: 'viewing' });
    expect((await presence.list('w1', 'c1')).map((x) => x.name)).toEqual(['Ada', 'Bo']);
    now += 20_000;
    await presence.set('w1', 'c1', 's2', { userId: 'u2', name: 'Bo', activity: 'viewing' }); // Bo's client refreshes
    now += 15_000;
    expect(await presence.list('w1', 'c1')).toEqual([{ userId: 'u2', name: 'Bo', activity: 'viewing' }]);
    expect(await h.redis.hlen(`${h.prefix}:ws:w1:collision:c1`)).toBe(1);
    expect(await h.redis.ttl(`${h.prefix}:ws:w1:collision:c1`)).toBeGreaterThan(0);
  });

  it('lets the first agent claim a pooled chat and tells the second who was first', async () => {
    const ws = await h.createWorkspace(2);
    await h.saveSettings(nodeA, ws.workspaceId, 'mode', { mode: 'always_on' });
    const [a, b] = [await h.staff(nodeA, ws.workspaceId, ws.agents[0].id), await h.staff(nodeB, ws.workspaceId, ws.agents[1].id)];
    const pooled = nextEvent<{ inPool: boolean }>(b, 'pool.changed', (e) => e.inPool);
    const v = await h.visitor(nodeA, ws.widgetKey);
    const conversationId = (await request(v.socket, 'chat.start', {})).conversation.id;
    await pooled;
    await Promise.all([request(a, 'status.set', { status: 'busy' }), request(b, 'status.set', { status: 'busy' })]);
    const results = await Promise.all([request(a, 'pool.claim', { conversationId }), request(b, 'pool.claim', { conversationId })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = results.findIndex((r) => r.ok);
    const loser = results[1 - winner];
    expect(loser.error.code).toBe('conflict');
    expect(loser.error.message).toBe(`${ws.agents[winner].name} took this chat first`);
  });
});
