import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, sensitiveWordHits, whispers } from '../../src/db/schema';
import { moderationChannel, ModerationService } from '../../src/domain/moderation/service';
import { signStaffToken } from '../../src/lib/tokens';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET, type TestWorkspace } from '../helpers/chat';

/**
 * Sensitive words (F6) and chat monitoring (F7) against real realtime nodes, PostgreSQL and Redis:
 * two nodes share the Redis adapter; supervisors connect to /monitor on the OTHER node.
 */
const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;
let words: ModerationService;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
  await h.startWorker();
  words = new ModerationService(h.database.db, h.redis, moderationChannel(h.prefix), nodeA.settings);
});
afterAll(() => h.teardown());

async function monitor(node: RealtimeServer, ws: TestWorkspace, userId: string, role: 'admin' | 'supervisor' | 'agent' = 'supervisor'): Promise<Socket> {
  const token = await signStaffToken(TEST_AUTH_SECRET, { uid: userId, wid: ws.workspaceId, role });
  const socket = h.raw(node, '/monitor', { token });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function supervisorOf(ws: TestWorkspace): Promise<string> {
  const s = await h.accounts.createAgent(ws.workspaceId, { name: 'Sam Supervisor', email: `sup-${ws.workspaceId.slice(0, 8)}@test.dev`, password: 'Correct-Horse-Battery-9', role: 'supervisor' });
  return s.id;
}

/** A workspace with one online agent on node A and a visitor chatting with them on node A. */
async function liveChat(ws: TestWorkspace) {
  const agent = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  const { socket: visitor } = await h.visitor(nodeA, ws.widgetKey);
  const started = await request(visitor, 'chat.start', {});
  expect(started.conversation.status).toBe('active');
  return { agent, visitor, conversationId: started.conversation.id as string };
}

describe('sensitive words on the message path', () => {
  it('blocks a customer message: refused with the reason, never relayed, never stored as delivered; the hit is logged', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(nodeA, ws.workspaceId, 'sensitiveWords', { customerAction: 'block', agentAction: 'mask' });
    await words.add(ws.workspaceId, { side: 'customer', words: ['scam', '骗子'] });
    const { agent, visitor, conversationId } = await liveChat(ws);
    const agentSaw: string[] = [];
    agent.on('message', (m: { body: string; senderType: string }) => m.senderType === 'visitor' && agentSaw.push(m.body));

    const refused = await request(visitor, 'message.send', { conversationId, clientMsgId: 'b1', body: 'This is a S C A M, 骗子!' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked' } });
    expect(refused.error.message).toBe('Your message contains a word that is not allowed: scam, 骗子');

    // The next clean message is the first one the agent receives.
    const clean = nextEvent<{ body: string }>(agent, 'message', (m: any) => m.senderType === 'visitor');
    expect((await request(visitor, 'message.send', { conversationId, clientMsgId: 'b2', body: 'Sorry, hello' })).ok).toBe(true);
    expect((await clean).body).toBe('Sorry, hello');
    expect(agentSaw).toEqual(['Sorry, hello']);

    const stored = await h.database.db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, conversationId));
    expect(stored.map((m) => m.body)).not.toContainEqual(expect.stringMatching(/S C A M|骗子/));
    const hits = await h.database.db.select().from(sensitiveWordHits).where(eq(sensitiveWordHits.conversationId, conversationId));
    expect(hits.map((x) => ({ word: x.word, action: x.action, side: x.side, messageId: x.messageId })).sort((a, b) => a.word.localeCompare(b.word))).toEqual([
      { word: 'scam', action: 'block', side: 'customer', messageId: null },
      { word: '骗子', action: 'block', side: 'customer', messageId: null },
    ]);
  });

  it('masks an agent message: the visitor receives it masked and it is stored masked', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(nodeA, ws.workspaceId, 'sensitiveWords', { customerAction: 'mask', agentAction: 'mask' });
    await words.add(ws.workspaceId, { side: 'agent', words: ['stupid', '笨蛋'] });
    const { agent, visitor, conversationId } = await liveChat(ws);
    const received = nextEvent<{ body: string; senderType: string }>(visitor, 'message', (m) => m.senderType === 'agent');
    const ack = await request(agent, 'message.send', { conversationId, clientMsgId: 'm1', body: 'Not a ＳＴＵＰＩＤ question, 笨蛋!' });
    expect(ack.ok).toBe(true);
    expect(ack.message.body).toBe('Not a ****** question, **!');
    expect((await received).body).toBe('Not a ****** question, **!');
    const [row] = await h.database.db.select().from(messages).where(eq(messages.id, ack.message.id));
    expect(row.body).toBe('Not a ****** question, **!');
    const hits = await h.database.db.select().from(sensitiveWordHits).where(eq(sensitiveWordHits.messageId, ack.message.id));
    expect(hits.map((x) => x.word).sort()).toEqual(['stupid', '笨蛋'].sort());
    // The customer list does not apply to agents and vice versa.
    const fine = await request(visitor, 'message.send', { conversationId, clientMsgId: 'm2', body: 'stupid me' });
    expect(fine.message.body).toBe('stupid me');
  });

  it('rebuilds the cached matcher on every node when a list changes', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(nodeA, ws.workspaceId, 'sensitiveWords', { customerAction: 'mask' });
    const { visitor, conversationId } = await liveChat(ws);
    const first = await request(visitor, 'message.send', { conversationId, clientMsgId: 'c1', body: 'banana' });
    expect(first.message.body).toBe('banana'); // the empty list is now compiled and cached on node A
    await words.add(ws.workspaceId, { side: 'customer', words: ['banana'] });
    let n = 0;
    await expect.poll(async () => (await request(visitor, 'message.send', { conversationId, clientMsgId: `c-${++n}`, body: 'banana' })).message.body).toBe('******');
  });
});

describe('/monitor', () => {
  it('refuses agents; accepts supervisors and admins', async () => {
    const ws = await h.createWorkspace(1);
    const token = await signStaffToken(TEST_AUTH_SECRET, { uid: ws.agents[0].id, wid: ws.workspaceId, role: 'agent' });
    const refused = h.raw(nodeA, '/monitor', { token });
    const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
    expect(error.message).toMatch(/^forbidden: /);
    // A forged role claim does not help: the role is re-read from the database.
    const forged = h.raw(nodeA, '/monitor', { token: await signStaffToken(TEST_AUTH_SECRET, { uid: ws.agents[0].id, wid: ws.workspaceId, role: 'admin' }) });
    expect((await new Promise<Error>((resolve) => forged.once('connect_error', resolve))).message).toMatch(/^forbidden: /);
    const admin = await monitor(nodeA, ws, ws.adminId, 'admin');
    expect((await request(admin, 'monitor.snapshot', {})).ok).toBe(true);
  });

  it('raises an alert-action hit live to a supervisor connected to another node, with dashboard deltas', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(nodeA, ws.workspaceId, 'sensitiveWords', { customerAction: 'alert' });
    await words.add(ws.workspaceId, { side: 'customer', words: ['refund now'] });
    const supervisor = await monitor(nodeB, ws, await supervisorOf(ws));
    const agentOnline = nextEvent<{ id: string; status: string }>(supervisor, 'monitor.agent', (a) => a.status === 'online');
    const { visitor, conversationId } = await liveChat(ws);
    expect((await agentOnline).id).toBe(ws.agents[0].id);

    const snapshot = (await request(supervisor, 'monitor.snapshot', {})).snapshot;
    expect(snapshot.agents).toEqual([expect.objectContaining({ id: ws.agents[0].id, status: 'online', load: 1 })]);
    expect(snapshot.conversations).toEqual([expect.objectContaining({ id: conversationId, status: 'active', agentId: ws.agents[0].id, alertCount: 0 })]);

    const alert = nextEvent<{ kind: string; word: string; action: string; conversationId: string }>(supervisor, 'monitor.alert');
    const activity = nextEvent<{ conversationId: string; lastMessage: { body: string } }>(supervisor, 'monitor.activity', (a) => a.lastMessage.body.includes('Refund'));
    const sent = await request(visitor, 'message.send', { conversationId, clientMsgId: 'a1', body: 'I want a Refund  Now' });
    expect(sent.message.body).toBe('I want a Refund  Now'); // alert: delivered as is
    expect(await alert).toMatchObject({ kind: 'sensitive_word', word: 'refund now', action: 'alert', conversationId });
    expect((await activity).conversationId).toBe(conversationId);
    const again = (await request(supervisor, 'monitor.snapshot', {})).snapshot;
    expect(again.conversations[0].alertCount).toBe(1);
    expect(again.alerts[0]).toMatchObject({ kind: 'sensitive_word', word: 'refund now' });
  });

  it('whispers reach the agent and never the visitor; a supervisor transfers and ends a chat', async () => {
    const ws = await h.createWorkspace(2);
    const { agent, visitor, conversationId } = await liveChat(ws);
    const visitorEvents: { event: string; payload: unknown }[] = [];
    visitor.onAny((event, payload) => visitorEvents.push({ event, payload }));
    const supervisor = await monitor(nodeB, ws, await supervisorOf(ws));

    const watched = await request(supervisor, 'monitor.watch', { conversationId });
    expect(watched.ok).toBe(true);
    expect(watched.conversation.id).toBe(conversationId);
    // Watching is live: a visitor message reaches the supervisor on the other node.
    const seen = nextEvent<{ body: string }>(supervisor, 'message', (m: any) => m.body === 'Is anyone there?');
    await request(visitor, 'message.send', { conversationId, clientMsgId: 'w0', body: 'Is anyone there?' });
    await seen;

    const agentGetsWhisper = nextEvent<{ body: string; authorName: string }>(agent, 'whisper');
    const whisper = await request(supervisor, 'whisper.send', { conversationId, body: 'Offer the 10% coupon' });
    expect(whisper.ok).toBe(true);
    expect(await agentGetsWhisper).toMatchObject({ body: 'Offer the 10% coupon', authorName: 'Sam Supervisor' });
    expect((await request(agent, 'whisper.list', { conversationId })).whispers).toEqual([expect.objectContaining({ body: 'Offer the 10% coupon', afterSeq: expect.any(Number) })]);
    const [stored] = await h.database.db.select().from(whispers).where(eq(whispers.conversationId, conversationId));
    expect(stored.body).toBe('Offer the 10% coupon');

    // Transfer to the second agent (online on node A), then end: both from the monitor on node B.
    const second = await h.staff(nodeA, ws.workspaceId, ws.agents[1].id);
    await request(second, 'status.set', { status: 'online' });
    const assigned = nextEvent<{ id: string }>(second, 'conversation.assigned');
    const moved = await request(supervisor, 'chat.transfer', { conversationId, to: { type: 'agent', id: ws.agents[1].id } });
    expect(moved.conversation.agentId).toBe(ws.agents[1].id);
    expect((await assigned).id).toBe(conversationId);
    const visitorSeesEnd = nextEvent<{ status: string; endedBy: string }>(visitor, 'conversation.updated', (c) => c.status === 'ended');
    const ended = await request(supervisor, 'chat.end', { conversationId });
    expect(ended.conversation).toMatchObject({ status: 'ended', endedBy: 'supervisor' });
    expect((await visitorSeesEnd).endedBy).toBe('supervisor');

    // Everything the visitor socket received was sent after the whisper from the same node (FIFO): no whisper among it.
    expect(visitorEvents.some((e) => e.event === 'whisper')).toBe(false);
    expect(JSON.stringify(visitorEvents)).not.toContain('coupon');
    const history = await request(visitor, 'history', { conversationId });
    expect(JSON.stringify(history.messages)).not.toContain('coupon');
    const dbMessages = await h.database.db.select().from(messages).where(and(eq(messages.conversationId, conversationId)));
    expect(dbMessages.some((m) => m.body.includes('coupon'))).toBe(false);
  });

  it('alerts on long queue waits (durable timer) and on agent reply timeouts', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(nodeA, ws.workspaceId, 'monitoring', { longWaitSeconds: 1 });
    const supervisor = await monitor(nodeB, ws, await supervisorOf(ws));
    const queuesDelta = nextEvent<{ queues: { length: number }[] }>(supervisor, 'monitor.queues', (q) => q.queues.length > 0);
    const longWait = nextEvent<{ kind: string; conversationId: string }>(supervisor, 'monitor.alert', (a) => a.kind === 'long_wait');
    const { socket: visitor } = await h.visitor(nodeA, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    expect(started.conversation.status).toBe('queued');
    expect((await queuesDelta).queues[0].length).toBe(1);
    expect((await longWait).conversationId).toBe(started.conversation.id);

    // The agent comes online, gets the chat, and does not reply: the reply-timeout hook raises an alert.
    const agent = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
    const assigned = nextEvent(agent, 'conversation.assigned');
    await request(agent, 'status.set', { status: 'online' });
    await assigned;
    const timeout = nextEvent<{ kind: string; agentId: string }>(supervisor, 'monitor.alert', (a) => a.kind === 'reply_timeout');
    expect(await nodeA.chat.transfers.onReplyTimeout(ws.workspaceId, started.conversation.id, ws.agents[0].id)).toBe('no_agent');
    expect((await timeout).agentId).toBe(ws.agents[0].id);
  });
});
