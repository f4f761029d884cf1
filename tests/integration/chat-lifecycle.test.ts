import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { tags, visitors } from '../../src/db/schema';
import type { SessionUser } from '../../src/lib/auth';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 21 item 6, the server side through real sockets: reopening an ended chat, no second rating request
 * for a visitor who rated during the chat, the chat's rating in the agent's customer panel, and transcripts
 * with notes, tags, rating and pre-chat answers.
 */
const h = new ChatHarness();
let node: RealtimeServer;
let ws: TestWorkspace;
let agent: Socket;
let other: Socket;
let auth: Awaited<ReturnType<typeof startWebServices>>;
let transcriptRoute: typeof import('../../src/app/api/conversations/[id]/transcript/route');

beforeAll(async () => {
  await h.setup();
  auth = await startWebServices(h);
  transcriptRoute = await import('../../src/app/api/conversations/[id]/transcript/route');
  node = await h.startNode();
  ws = await h.createWorkspace(2, { receptionLimit: 5 });
  await h.saveSettings(node, ws.workspaceId, 'satisfaction', { enabled: true, agentsSeeResults: true });
  agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
  other = await h.staff(node, ws.workspaceId, ws.agents[1].id);
  await request(agent, 'status.set', { status: 'online' });
}, 60_000);

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

/** A visitor chatting with the first agent (the second agent stays offline so routing picks the first). */
async function activeChat() {
  const visitor = await h.visitor(node, ws.widgetKey);
  const started = await request(visitor.socket, 'chat.start', {});
  expect(started.conversation.status).toBe('active');
  expect(started.conversation.agentId).toBe(ws.agents[0].id);
  const conversationId: string = started.conversation.id;
  expect((await request(visitor.socket, 'message.send', { conversationId, clientMsgId: 'v1', body: 'Hello, my order is late' })).ok).toBe(true);
  expect((await request(agent, 'message.send', { conversationId, clientMsgId: `a1-${conversationId}`, body: 'Let me check that for you' })).ok).toBe(true);
  return { ...visitor, conversationId };
}

describe('reopening an ended chat', () => {
  it('the agent takes it back: both sides see it active, messages flow again, the slot is counted', async () => {
    const chat = await activeChat();
    const ended = await request(agent, 'chat.end', { conversationId: chat.conversationId });
    expect(ended.conversation.status).toBe('ended');

    const visitorSees = nextEvent<{ id: string; status: string }>(chat.socket, 'conversation.updated', (c) => c.id === chat.conversationId && c.status === 'active');
    const agentGets = nextEvent<{ id: string }>(agent, 'conversation.assigned', (c) => c.id === chat.conversationId);
    const note = nextEvent<{ body: string }>(chat.socket, 'message', (m) => m.body === 'Chat reopened by Agent 1');
    const reopened = await request(agent, 'chat.reopen', { conversationId: chat.conversationId });
    expect(reopened.ok).toBe(true);
    expect(reopened.conversation).toMatchObject({ status: 'active', agentId: ws.agents[0].id, endedBy: null, endedAt: null });
    await Promise.all([visitorSees, agentGets, note]);

    const toAgent = nextEvent<{ body: string }>(agent, 'message', (m) => m.body === 'One more question');
    expect((await request(chat.socket, 'message.send', { conversationId: chat.conversationId, clientMsgId: 'v2', body: 'One more question' })).ok).toBe(true);
    await toAgent;
    const toVisitor = nextEvent<{ body: string }>(chat.socket, 'message', (m) => m.body === 'Sure, go ahead');
    expect((await request(agent, 'message.send', { conversationId: chat.conversationId, clientMsgId: `a2-${chat.conversationId}`, body: 'Sure, go ahead' })).ok).toBe(true);
    await toVisitor;
    expect((await node.chat.presenceFeed.presence(ws.workspaceId, ws.agents[0].id)).load).toBe(1);
    await request(agent, 'chat.end', { conversationId: chat.conversationId });
    expect((await node.chat.presenceFeed.presence(ws.workspaceId, ws.agents[0].id)).load).toBe(0);
  });

  it('is refused for another agent, an open chat, an agent without a free slot, and after the visitor started a new chat', async () => {
    const chat = await activeChat();
    expect((await request(agent, 'chat.reopen', { conversationId: chat.conversationId })).error.code).toBe('invalid_state');
    await request(agent, 'chat.end', { conversationId: chat.conversationId });
    expect((await request(other, 'chat.reopen', { conversationId: chat.conversationId })).error.code).toBe('forbidden');

    await request(agent, 'status.set', { status: 'offline' });
    const offline = await request(agent, 'chat.reopen', { conversationId: chat.conversationId });
    expect(offline.error).toMatchObject({ code: 'invalid_state', message: 'Go online with a free chat slot to reopen this chat' });
    await request(agent, 'status.set', { status: 'online' });

    const newer = await request(chat.socket, 'chat.start', {});
    expect(newer.conversation.id).not.toBe(chat.conversationId);
    expect((await request(agent, 'chat.reopen', { conversationId: chat.conversationId })).error.code).toBe('conflict');
    await request(agent, 'chat.end', { conversationId: newer.conversation.id });
  });
});

describe('ratings around the end of a chat', () => {
  it('a visitor who rated during the chat is not asked again at the end; the agent sees the rating', async () => {
    const chat = await activeChat();
    const invites: unknown[] = [];
    chat.socket.on('rating.invite', (i) => invites.push(i));
    const received = nextEvent<{ conversationId: string; rating: { score: number } }>(agent, 'rating.received', (e) => e.conversationId === chat.conversationId);
    const rated = await request(chat.socket, 'rating.submit', { conversationId: chat.conversationId, score: 5, comment: 'Quick and kind' });
    expect(rated.ok).toBe(true);
    expect((await received).rating.score).toBe(5);
    // The end's listeners (the automatic invitation among them) run before the ack.
    expect((await request(agent, 'chat.end', { conversationId: chat.conversationId })).ok).toBe(true);
    expect((await request(chat.socket, 'rating.get', { conversationId: chat.conversationId })).state.invitations).toBe(0);
    expect(invites).toEqual([]);

    // An anonymous visitor (no CRM customer): the ended chat's own rating is in the customer panel.
    const panel = await request(agent, 'customer.get', { conversationId: chat.conversationId });
    expect(panel.customer).toBeNull();
    expect(panel.rating).toMatchObject({ score: 5, comment: 'Quick and kind', agentName: 'Agent 1' });
  });

  it('a visitor who did not rate is still invited at the end; agents do not see ratings when the setting is off', async () => {
    const chat = await activeChat();
    const invited = nextEvent<{ by: string }>(chat.socket, 'rating.invite', (i) => i.by === 'end');
    await request(agent, 'chat.end', { conversationId: chat.conversationId });
    await invited;
    await request(chat.socket, 'rating.submit', { conversationId: chat.conversationId, score: 2 });
    await h.saveSettings(node, ws.workspaceId, 'satisfaction', { enabled: true, agentsSeeResults: false });
    const panel = await request(agent, 'customer.get', { conversationId: chat.conversationId });
    expect(panel.rating).toBeNull();
    await h.saveSettings(node, ws.workspaceId, 'satisfaction', { enabled: true, agentsSeeResults: true });
  });
});

describe('transcripts', () => {
  it('include internal notes in place, tags, the rating and the pre-chat answers', async () => {
    const chat = await activeChat();
    const [tag] = await h.database.db.insert(tags).values({ workspaceId: ws.workspaceId, name: 'Shipping', color: '#4f46e5' }).returning();
    expect((await request(agent, 'conversation.tags.set', { conversationId: chat.conversationId, tagIds: [tag.id] })).ok).toBe(true);
    expect((await request(agent, 'note.add', { conversationId: chat.conversationId, body: 'Parcel stuck in customs' })).ok).toBe(true);
    await h.database.db
      .update(visitors)
      .set({ name: 'Ada Lovelace', email: 'ada@example.test', prechat: { submittedAt: '2026-12-07T10:00:00.000Z', fields: [{ key: 'order', label: 'Order number', value: 'A-1234' }], group: null, consent: null } })
      .where(eq(visitors.id, chat.session.visitorId));
    await request(chat.socket, 'rating.submit', { conversationId: chat.conversationId, score: 4 });
    await request(agent, 'chat.end', { conversationId: chat.conversationId });

    const admin: SessionUser = { id: ws.adminId, workspaceId: ws.workspaceId, email: 'admin@x.test', name: 'Admin', role: 'admin' };
    auth.setSessionResolver(async () => admin);
    const get = (format: string) => transcriptRoute.GET(new Request(`http://localhost/api/conversations/${chat.conversationId}/transcript?format=${format}`), { params: Promise.resolve({ id: chat.conversationId }) });
    const text = await (await get('txt')).text();
    expect(text).toContain('Tags: Shipping');
    expect(text).toMatch(/Rating: 4 of 5/);
    expect(text).toContain('Pre-chat form: Name: Ada Lovelace; Email: ada@example.test; Order number: A-1234');
    const lines = text.split('\n');
    const noteLine = lines.findIndex((l) => l.includes('Internal note by Agent 1: Parcel stuck in customs'));
    expect(noteLine).toBeGreaterThan(lines.findIndex((l) => l.includes('Let me check that for you')));
    const html = await (await get('html')).text();
    expect(html).toContain('Internal note by Agent 1');
    expect(html).toContain('Tags: Shipping');
    expect(html).toContain('Order number: A-1234');
  });
});
