/**
 * Every assignment method and every rule condition through the real stack (issue 22 item 7): real
 * visitor and agent sockets, the real routing Lua scripts in Redis and the real SQL in PostgreSQL (the
 * last-served query once failed on every chat.start with `column "started_at" does not exist`).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, skillGroups, tags, userSkillGroups, users, visitors } from '../../src/db/schema';
import { loadRoutingProfiles } from '../../src/domain/accounts/routing-profile';
import { AssignmentSettings } from '../../src/domain/settings/schemas';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, request, type TestWorkspace } from '../helpers/chat';

const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
});
afterAll(() => h.teardown());

type Target = { type: 'all' } | { type: 'group' | 'agent'; id: string };
interface Started {
  ok: boolean;
  conversation: { id: string; status: string; agentId: string | null; groupId: string | null };
  error?: { code: string };
}

async function online(ws: TestWorkspace, index: number, node = nodeA): Promise<Socket> {
  const socket = await h.staff(node, ws.workspaceId, ws.agents[index].id);
  expect((await request(socket, 'status.set', { status: 'online' })).ok).toBe(true);
  return socket;
}

async function group(ws: TestWorkspace, name: string, agentIndexes: number[]): Promise<string> {
  const [g] = await h.database.db.insert(skillGroups).values({ workspaceId: ws.workspaceId, name }).returning({ id: skillGroups.id });
  if (agentIndexes.length) await h.database.db.insert(userSkillGroups).values(agentIndexes.map((i) => ({ userId: ws.agents[i].id, groupId: g.id, workspaceId: ws.workspaceId })));
  return g.id;
}

/** Re-reads routing profiles (groups, limits) from the database, as the console does after a change. */
async function syncProfiles(ws: TestWorkspace) {
  await nodeA.chat.agents.refreshAgents(ws.workspaceId, await loadRoutingProfiles(h.database.db, ws.workspaceId));
}

async function setLimit(ws: TestWorkspace, index: number, limit: number) {
  await h.database.db.update(users).set({ receptionLimit: limit }).where(eq(users.id, ws.agents[index].id));
}

async function assignment(ws: TestWorkspace, value: { rules?: unknown[]; defaultRule?: unknown }) {
  await h.saveSettings(nodeA, ws.workspaceId, 'assignment', value);
}

function rule(id: string, conditions: Record<string, unknown>, target: Target, extra: Record<string, unknown> = {}) {
  return { id, name: `Rule ${id}`, conditions, target, ...extra };
}

/** A new visitor (alternating nodes) starts a chat; optional CRM profile set before the start. */
let turn = 0;
async function start(ws: TestWorkspace, payload: Record<string, unknown> = {}, profile?: { vip?: boolean; tags?: string[] }) {
  const v = await h.visitor(turn++ % 2 ? nodeB : nodeA, ws.widgetKey);
  if (profile) await h.database.db.update(visitors).set(profile).where(eq(visitors.id, v.session.visitorId));
  const started = await request<Started>(v.socket, 'chat.start', payload);
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  return { ...v, started, conversation: started.conversation };
}

const idOf = (ws: TestWorkspace, agentId: string | null) => ws.agents.findIndex((a) => a.id === agentId);

describe('assignment methods on the real stores', () => {
  it('saturation: the least saturated agent (load / limit) gets the next chat', async () => {
    const ws = await h.createWorkspace(2);
    await setLimit(ws, 0, 2);
    await setLimit(ws, 1, 4);
    await syncProfiles(ws);
    await online(ws, 0);
    await online(ws, 1, nodeB);
    await assignment(ws, { defaultRule: { target: { type: 'all' }, method: 'saturation' } });
    const served: number[] = [];
    for (let i = 0; i < 6; i++) served.push(idOf(ws, (await start(ws)).conversation.agentId));
    // Whatever the first tie-break, after 3 chats agent 1 (limit 2) holds 1 and agent 2 (limit 4) holds 2;
    // after 6 both are full (2 and 4).
    expect(served.slice(0, 3).filter((i) => i === 0)).toHaveLength(1);
    expect(served.filter((i) => i === 0)).toHaveLength(2);
    expect(served.filter((i) => i === 1)).toHaveLength(4);
    expect((await start(ws)).conversation.status).toBe('queued');
    expect((await nodeB.routing.agent(ws.workspaceId, ws.agents[0].id))?.load).toBe(2);
    expect((await nodeB.routing.agent(ws.workspaceId, ws.agents[1].id))?.load).toBe(4);
  });

  it('round robin: rotates over the agents in a fixed order across nodes, whatever their load', async () => {
    const ws = await h.createWorkspace(3, { receptionLimit: 10 });
    for (const i of [0, 1, 2]) await online(ws, i, i % 2 ? nodeB : nodeA);
    const order = ws.agents.map((a) => a.id).sort();
    // The first in the rotation already carries two chats (designated to them): round robin still serves them in turn.
    for (let i = 0; i < 2; i++) expect((await start(ws, { designated: { type: 'agent', id: order[0], mode: 'must' } })).conversation.agentId).toBe(order[0]);
    await assignment(ws, { defaultRule: { target: { type: 'all' }, method: 'round_robin' } });
    const served = [];
    for (let i = 0; i < 6; i++) served.push((await start(ws)).conversation.agentId);
    expect(served).toEqual([...order, ...order]);
    // Saturation on the same loads would skip the loaded agent first.
    await assignment(ws, { defaultRule: { target: { type: 'all' }, method: 'saturation' } });
    expect((await start(ws)).conversation.agentId).not.toBe(order[0]);
  });

  it('last served: a returning customer within N minutes goes back to their agent; after the window, or when that agent is unavailable, saturation decides', async () => {
    const ws = await h.createWorkspace(2, { receptionLimit: 5 });
    const [x, y] = ws.agents.map((a) => a.id);
    const agentX = await online(ws, 0);
    await online(ws, 1, nodeB);
    await assignment(ws, { defaultRule: { target: { type: 'all' }, method: 'last_served', lastServedMinutes: 5 } });

    // The customer's first chat is served by X (designated), then ends.
    const customer = await start(ws, { designated: { type: 'agent', id: x, mode: 'must' } });
    expect(customer.conversation.agentId).toBe(x);
    expect((await request(customer.socket, 'chat.end', { conversationId: customer.conversation.id })).ok).toBe(true);
    // X now carries two other chats, Y none: saturation alone would pick Y.
    for (let i = 0; i < 2; i++) expect((await start(ws, { designated: { type: 'agent', id: x, mode: 'must' } })).conversation.agentId).toBe(x);
    expect((await start(ws)).conversation.agentId).toBe(y); // a new visitor: saturation
    const again = await request<Started>(customer.socket, 'chat.start', {});
    expect(again.ok, JSON.stringify(again.error)).toBe(true);
    expect(again.conversation).toMatchObject({ status: 'active', agentId: x });
    expect((await request(customer.socket, 'chat.end', { conversationId: again.conversation.id })).ok).toBe(true);

    // Outside the window (their chats ended 10 minutes ago, the window is 5): saturation (Y has 1, X has 2).
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await h.database.db
      .update(conversations)
      .set({ startedAt: tenMinutesAgo, endedAt: tenMinutesAgo, lastMessageAt: tenMinutesAgo, assignedAt: tenMinutesAgo })
      .where(eq(conversations.visitorId, customer.session.visitorId));
    const late = await request<Started>(customer.socket, 'chat.start', {});
    expect(late.conversation).toMatchObject({ status: 'active', agentId: y });
    await request(customer.socket, 'chat.end', { conversationId: late.conversation.id });

    // Within the window again (last served by Y now) but Y is offline: falls back to saturation (X).
    await assignment(ws, { defaultRule: { target: { type: 'all' }, method: 'last_served', lastServedMinutes: 60 } });
    const agentY = await h.staff(nodeB, ws.workspaceId, y);
    await request(agentY, 'status.set', { status: 'offline' });
    const fallback = await request<Started>(customer.socket, 'chat.start', {});
    expect(fallback.conversation).toMatchObject({ status: 'active', agentId: x });
    await request(customer.socket, 'chat.end', { conversationId: fallback.conversation.id });

    // Last served by X, but X is at their limit: Y (back online) takes it.
    await request(agentY, 'status.set', { status: 'online' });
    await setLimit(ws, 0, 2);
    await syncProfiles(ws);
    const full = await request<Started>(customer.socket, 'chat.start', {});
    expect(full.conversation).toMatchObject({ status: 'active', agentId: y });
    expect(agentX.connected).toBe(true);
  });

  it('last served in the always-on mode uses the same query', async () => {
    const ws = await h.createWorkspace(2, { receptionLimit: 5 });
    const [x] = ws.agents.map((a) => a.id);
    await online(ws, 0);
    await online(ws, 1, nodeB);
    await h.saveSettings(nodeA, ws.workspaceId, 'mode', { mode: 'always_on' });
    await assignment(ws, { defaultRule: { target: { type: 'all' }, method: 'last_served', lastServedMinutes: 30 } });
    const customer = await start(ws, { designated: { type: 'agent', id: x, mode: 'must' } });
    await request(customer.socket, 'chat.end', { conversationId: customer.conversation.id });
    for (let i = 0; i < 2; i++) await start(ws, { designated: { type: 'agent', id: x, mode: 'must' } });
    const again = await request<Started>(customer.socket, 'chat.start', {});
    expect(again.conversation).toMatchObject({ status: 'active', agentId: x });
  });
});

describe('rule conditions on the real stores', () => {
  /** Agent 1 in group "Rule", agent 2 in group "Default"; the rule targets "Rule", the default rule "Default". */
  async function ruleWorld(conditions: Record<string, unknown>) {
    const ws = await h.createWorkspace(2, { receptionLimit: 50 });
    const ruleGroup = await group(ws, 'Rule', [0]);
    const defaultGroup = await group(ws, 'Default', [1]);
    await syncProfiles(ws);
    await online(ws, 0);
    await online(ws, 1, nodeB);
    await assignment(ws, { rules: [rule('r1', conditions, { type: 'group', id: ruleGroup })], defaultRule: { target: { type: 'group', id: defaultGroup } } });
    const routedBy = async (payload: Record<string, unknown> = {}, profile?: { vip?: boolean; tags?: string[] }) => {
      const { conversation } = await start(ws, payload, profile);
      expect(conversation.status).toBe('active');
      return conversation.groupId === ruleGroup ? 'rule' : conversation.groupId === defaultGroup ? 'default' : conversation.groupId;
    };
    return { ws, ruleGroup, defaultGroup, routedBy };
  }

  it('channel', async () => {
    const { routedBy } = await ruleWorld({ channels: ['mobile', 'app'] });
    expect(await routedBy({ channel: 'mobile' })).toBe('rule');
    expect(await routedBy({ channel: 'app' })).toBe('rule');
    expect(await routedBy({ channel: 'desktop' })).toBe('default');
  });

  it('entry page (glob, case-insensitive)', async () => {
    const { routedBy } = await ruleWorld({ entryUrlPattern: '*/pricing*' });
    expect(await routedBy({ entryUrl: 'https://shop.example/Pricing?plan=pro' })).toBe('rule');
    expect(await routedBy({ entryUrl: 'https://shop.example/docs' })).toBe('default');
    expect(await routedBy({})).toBe('default');
  });

  it('VIP and not VIP (the CRM flag in PostgreSQL)', async () => {
    const vip = await ruleWorld({ vip: 'vip' });
    expect(await vip.routedBy({}, { vip: true })).toBe('rule');
    expect(await vip.routedBy({}, { vip: false })).toBe('default');
    const notVip = await ruleWorld({ vip: 'not_vip' });
    expect(await notVip.routedBy({}, { vip: true })).toBe('default');
    expect(await notVip.routedBy({}, { vip: false })).toBe('rule');
  });

  it('tags: the visitor’s CRM tags or the tags given at start, case-insensitive', async () => {
    const { ws, routedBy } = await ruleWorld({ tags: ['Enterprise', 'partner'] });
    await h.database.db.insert(tags).values({ workspaceId: ws.workspaceId, name: 'Partner', color: '#336699' });
    expect(await routedBy({}, { tags: ['enterprise'] })).toBe('rule');
    expect(await routedBy({ tags: ['partner'] })).toBe('rule');
    expect(await routedBy({}, { tags: ['hobbyist'] })).toBe('default');
    expect(await routedBy({ tags: ['unknown-tag'] })).toBe('default');
  });

  it('designation: a rule on "designated yes/no"; "must" waits for the designated agent, "may" falls back to the rules', async () => {
    const yes = await ruleWorld({ designated: 'yes' });
    // "may" designation of the default group's agent (online): served by them, the rule matched but came second.
    const may = await start(yes.ws, { designated: { type: 'group', id: yes.defaultGroup, mode: 'may' } });
    expect(may.conversation).toMatchObject({ status: 'active', groupId: yes.defaultGroup });
    expect(await yes.routedBy({})).toBe('default');
    const no = await ruleWorld({ designated: 'no' });
    expect(await no.routedBy({})).toBe('rule');

    // A designated agent who is offline: "must" queues for them, "may" overflows to the matched rule's target.
    const ws = await h.createWorkspace(3, { receptionLimit: 50 });
    const ruleGroup = await group(ws, 'Rule', [1]);
    await syncProfiles(ws);
    await online(ws, 1);
    await online(ws, 2, nodeB);
    await assignment(ws, { rules: [rule('d', { designated: 'yes' }, { type: 'group', id: ruleGroup })] });
    const absent = ws.agents[0].id;
    const must = await start(ws, { designated: { type: 'agent', id: absent, mode: 'must' } });
    expect(must.conversation).toMatchObject({ status: 'queued', agentId: null });
    expect(await nodeA.routing.queuedEntries(ws.workspaceId, `agent:${absent}`)).toHaveLength(1);
    const mayOverflow = await start(ws, { designated: { type: 'agent', id: absent, mode: 'may' } });
    expect(mayOverflow.conversation).toMatchObject({ status: 'active', agentId: ws.agents[1].id, groupId: ruleGroup });
  });

  it('disabled rules are skipped; the first matching rule wins', async () => {
    const ws = await h.createWorkspace(2, { receptionLimit: 50 });
    const g1 = await group(ws, 'One', [0]);
    const g2 = await group(ws, 'Two', [1]);
    await syncProfiles(ws);
    await online(ws, 0);
    await online(ws, 1);
    await assignment(ws, {
      rules: [rule('off', {}, { type: 'group', id: g1 }, { enabled: false }), rule('a', { channels: ['desktop'] }, { type: 'group', id: g2 }), rule('b', {}, { type: 'group', id: g1 })],
    });
    expect((await start(ws)).conversation.groupId).toBe(g2);
    expect((await start(ws, { channel: 'mobile' })).conversation.groupId).toBe(g1);
  });
});

describe('overflow chain on the real stores', () => {
  async function overflowWorld() {
    const ws = await h.createWorkspace(5, { receptionLimit: 5 });
    const groups = [];
    for (let i = 0; i < 5; i++) groups.push(await group(ws, `G${i + 1}`, [i]));
    await syncProfiles(ws);
    const allWeek = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
    const closed = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, []]));
    return { ws, groups, allWeek, closed };
  }

  it('walks up to 4 overflow targets in order: offline, off-hours and full targets are skipped', async () => {
    const { ws, groups, allWeek, closed } = await overflowWorld();
    const [g1, g2, g3, g4, g5] = groups;
    // G1: agent offline. G2: agent online but the group is outside its working hours. G3: agent full.
    // G4: agent online and free. G5: agent online and free (never reached).
    await online(ws, 1);
    const full = await online(ws, 2);
    await online(ws, 3, nodeB);
    await online(ws, 4, nodeB);
    await h.saveSettings(nodeA, ws.workspaceId, 'workingHours', { enabled: true, workspace: { timezone: 'UTC', days: allWeek }, groups: { [g2]: { timezone: 'UTC', days: closed } } });
    await setLimit(ws, 2, 1);
    await syncProfiles(ws);
    expect((await start(ws, { designated: { type: 'agent', id: ws.agents[2].id, mode: 'must' } })).conversation.agentId).toBe(ws.agents[2].id);
    const groupTarget = (id: string) => ({ type: 'group' as const, id });
    await assignment(ws, { rules: [rule('chain', {}, groupTarget(g1), { overflow: [g2, g3, g4, g5].map(groupTarget) })] });

    const first = await start(ws);
    expect(first.conversation).toMatchObject({ status: 'active', agentId: ws.agents[3].id, groupId: g4 });
    // G4 goes offline: the 4th overflow target (G5) takes the next chat.
    await request(await h.staff(nodeB, ws.workspaceId, ws.agents[3].id), 'status.set', { status: 'offline' });
    const second = await start(ws);
    expect(second.conversation).toMatchObject({ status: 'active', agentId: ws.agents[4].id, groupId: g5 });
    // G5 offline too: only the off-hours G2 has someone online, and it is skipped: the chat waits in G1's queue.
    await request(await h.staff(nodeB, ws.workspaceId, ws.agents[4].id), 'status.set', { status: 'offline' });
    const third = await start(ws);
    expect(third.conversation).toMatchObject({ status: 'queued', agentId: null });
    expect((await nodeA.routing.queuedEntries(ws.workspaceId, `group:${g1}`)).map((e) => e.conversationId)).toEqual([third.conversation.id]);
    expect(full.connected).toBe(true);

    // A fifth overflow target is refused by the settings.
    expect(AssignmentSettings.safeParse({ rules: [rule('x', {}, groupTarget(g1), { overflow: [g2, g3, g4, g5, g1].map(groupTarget) })] }).success).toBe(false);
  });

  it('when every target of the chain is outside working hours the chat is not assigned, even with agents online', async () => {
    const { ws, groups, allWeek, closed } = await overflowWorld();
    const [g1, g2] = groups;
    await online(ws, 0);
    await online(ws, 1);
    await h.saveSettings(nodeA, ws.workspaceId, 'workingHours', { enabled: true, workspace: { timezone: 'UTC', days: allWeek }, groups: { [g1]: { timezone: 'UTC', days: closed }, [g2]: { timezone: 'UTC', days: closed } } });
    await assignment(ws, { rules: [rule('closed', {}, { type: 'group', id: g1 }, { overflow: [{ type: 'group', id: g2 }] })] });
    const v = await start(ws);
    expect(v.conversation.agentId).toBeNull();
    expect(v.conversation.status).not.toBe('active');
    const rows = await h.database.db.select({ agentId: conversations.agentId }).from(conversations).where(inArray(conversations.id, [v.conversation.id]));
    expect(rows[0].agentId).toBeNull();
  });
});
