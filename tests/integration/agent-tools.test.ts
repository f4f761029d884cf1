import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, outbox, visitorPages } from '../../src/db/schema';
import { CannedReplyService } from '../../src/domain/canned/service';
import { TagService } from '../../src/domain/tags/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';

/**
 * Agent tools (issue 15) against two realtime nodes sharing PostgreSQL and Redis: notes never reach the
 * visitor, canned reply placeholders, tags (events, webhook payloads, tags at start in routing), visitor
 * context (`visitor.page`, device), and bans enforced on both nodes.
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

/** A visitor socket with browser-like headers (user agent, language). */
async function browserVisitor(node: RealtimeServer, widgetKey: string, auth: Record<string, unknown> = {}): Promise<{ socket: Socket; session: { visitorId: string; token: string } }> {
  const socket = connect(`http://127.0.0.1:${node.port}/visitor`, {
    transports: ['websocket'],
    auth: { widgetKey, ...auth },
    extraHeaders: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 'accept-language': 'de-CH,de;q=0.9' },
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  return { socket, session: await nextEvent(socket, 'session') };
}
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

async function liveChat(ws: TestWorkspace, visitorNode = nodeA, agentNode = nodeB, auth: Record<string, unknown> = {}) {
  const agent = await h.staff(agentNode, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  const visitor = await browserVisitor(visitorNode, ws.widgetKey, auth);
  const started = await request(visitor.socket, 'chat.start', { entryUrl: 'https://shop.example/' });
  expect(started.conversation.status).toBe('active');
  return { agent, visitor: visitor.socket, visitorId: visitor.session.visitorId, token: visitor.session.token, conversationId: started.conversation.id as string };
}

describe('agent tools', () => {
  it('notes with @mentions reach staff only: never the visitor socket, history, messages or webhook events', async () => {
    const ws = await h.createWorkspace(2);
    const { agent, visitor, conversationId } = await liveChat(ws);
    const visitorEvents: string[] = [];
    visitor.onAny((event, payload) => visitorEvents.push(`${event} ${JSON.stringify(payload)}`));
    const colleague = await h.staff(nodeA, ws.workspaceId, ws.agents[1].id);

    const mention = nextEvent<{ note: { body: string; mentions: { name: string }[] } }>(colleague, 'note.mention');
    const agentSees = nextEvent<{ body: string; kind: string }>(agent, 'note');
    const added = await request(agent, 'note.add', { conversationId, body: 'Secret: refund approved', mentions: [ws.agents[1].id] });
    expect(added.ok).toBe(true);
    expect(added.note).toMatchObject({ kind: 'note', authorName: 'Agent 1', mentions: [{ id: ws.agents[1].id, name: 'Agent 2' }] });
    expect(await agentSees).toMatchObject({ body: 'Secret: refund approved', kind: 'note' });
    expect((await mention).note.mentions[0].name).toBe('Agent 2');
    // A mention of someone outside the workspace is refused and stores nothing.
    const other = await h.createWorkspace(1);
    const bad = await request(agent, 'note.add', { conversationId, body: 'x', mentions: [other.agents[0].id] });
    expect(bad.error.code).toBe('bad_request');
    expect((await request(agent, 'note.list', { conversationId })).notes).toHaveLength(1);

    // A later message proves the visitor socket is caught up (FIFO per node pair) before checking.
    const seen = nextEvent(visitor, 'message', (m: { body: string }) => m.body === 'after the note');
    await request(agent, 'message.send', { conversationId, clientMsgId: 'n1', body: 'after the note' });
    await seen;
    await request(agent, 'chat.end', { conversationId });
    expect(visitorEvents.join('\n')).not.toContain('Secret');
    expect(JSON.stringify((await request(visitor, 'history', { conversationId })).messages)).not.toContain('Secret');
    const stored = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    expect(stored.some((m) => m.body.includes('Secret'))).toBe(false);
    const events = await h.database.db.select().from(outbox).where(eq(outbox.conversationId, conversationId));
    expect(events.length).toBeGreaterThan(2);
    expect(JSON.stringify(events)).not.toContain('Secret');
  });

  it('fills canned reply placeholders; personal replies override shared ones; CSV round trip', async () => {
    const ws = await h.createWorkspace(1);
    const canned = new CannedReplyService(h.database.db);
    await canned.create(ws.workspaceId, null, { shortcut: 'hello', body: 'Hi {visitor.name}, {agent.name} from {workspace.name} here.' });
    const { agent, conversationId } = await liveChat(ws, nodeA, nodeB, { name: 'Dana' });

    const personal = await request(agent, 'canned.save', { shortcut: 'mail', body: 'We will write to {visitor.email} ({ visitor.name }).' });
    expect(personal.reply).toMatchObject({ scope: 'personal', shortcut: 'mail' });
    const invalid = await request(agent, 'canned.save', { shortcut: 'two words', body: 'x' });
    expect(invalid.error).toMatchObject({ code: 'bad_request' });
    const duplicate = await request(agent, 'canned.save', { shortcut: 'MAIL', body: 'again' });
    expect(duplicate.error.code).toBe('conflict');

    const list = (await request(agent, 'canned.list', {})).replies as { id: string; shortcut: string; scope: string }[];
    expect(list.map((r) => `${r.scope}:${r.shortcut}`)).toEqual(['personal:mail', 'shared:hello']);
    const hello = await request(agent, 'canned.render', { conversationId, id: list[1].id });
    expect(hello.body).toMatch(/^Hi Dana, Agent 1 from WS \w+ here\.$/);
    expect((await request(agent, 'canned.render', { conversationId, id: list[0].id })).body).toBe('We will write to  (Dana).');

    const csv = await canned.exportShared(ws.workspaceId);
    expect(csv).toBe('shortcut,body,group\r\nhello,"Hi {visitor.name}, {agent.name} from {workspace.name} here.",\r\n');
    const imported = await canned.importShared(ws.workspaceId, 'shortcut,body,group\nhello,"Hello again, ""friend""",\nbye,Bye!,\n,empty shortcut,\nx,y,No such group\n');
    expect(imported).toMatchObject({ added: 1, updated: 1 });
    expect(imported.invalid.map((i) => i.line)).toEqual([3, 4]);
    expect((await canned.shared(ws.workspaceId)).map((r) => [r.shortcut, r.body])).toEqual([
      ['bye', 'Bye!'],
      ['hello', 'Hello again, "friend"'],
    ]);
  });

  it('tags: set by the agent (live to staff, webhook event, in conversation events), given at start and matched by routing rules', async () => {
    const ws = await h.createWorkspace(1);
    const tags = new TagService(h.database.db);
    const vip = await tags.create(ws.workspaceId, { name: 'VIP', color: '#dc2626' });
    const billing = await tags.create(ws.workspaceId, { name: 'Billing', color: '#059669' });
    expect((await tags.create(ws.workspaceId, { name: 'vip', color: '#dc2626' }).catch((e) => e)).code).toBe('conflict');
    const { agent, conversationId } = await liveChat(ws);

    const live = nextEvent<{ tags: { name: string }[] }>(agent, 'conversation.tags');
    const set = await request(agent, 'conversation.tags.set', { conversationId, tagIds: [billing.id, vip.id] });
    expect(set.tags.map((t: { name: string }) => t.name)).toEqual(['Billing', 'VIP']);
    expect((await live).tags).toHaveLength(2);
    const overview = await request(agent, 'conversations.overview', {});
    expect(overview.tags[conversationId].map((t: { name: string }) => t.name)).toEqual(['Billing', 'VIP']);
    expect(overview.previews).toBeTypeOf('object');
    expect(overview.waiting).toBe(0);
    await request(agent, 'chat.end', { conversationId });
    const events = await h.database.db.select().from(outbox).where(eq(outbox.conversationId, conversationId));
    expect(events.find((e) => e.type === 'conversation.tagged')?.payload).toMatchObject({ tags: ['Billing', 'VIP'], by: ws.agents[0].id });
    expect(events.find((e) => e.type === 'conversation.ended')?.payload).toMatchObject({ tags: ['Billing', 'VIP'] });

    // A rule "visitor is tagged VIP" routes to a group; the embed gives the tag at start (unknown names ignored).
    const group = await h.accounts.createGroup(ws.workspaceId, { name: 'VIP desk' });
    await h.accounts.updateAgent(ws.workspaceId, ws.agents[0].id, { groupIds: [group.id] }, ws.adminId);
    await nodeA.chat.agents.refreshAgents(ws.workspaceId, [{ id: ws.agents[0].id, active: true, receptionLimit: null, groupIds: [group.id] }]);
    const rule = { id: crypto.randomUUID(), name: 'VIPs', enabled: true, conditions: { channels: [], entryUrlPattern: '', vip: 'any', tags: ['vip'], designated: 'any' }, target: { type: 'group', id: group.id }, method: 'saturation', overflow: [], lastServedMinutes: 30 };
    const assignment = await nodeA.settings.value(ws.workspaceId, 'assignment');
    await h.saveSettings(nodeA, ws.workspaceId, 'assignment', { ...assignment, rules: [rule] });
    const { socket: visitor } = await browserVisitor(nodeA, ws.widgetKey);
    const started = await request(visitor, 'chat.start', { tags: ['VIP', 'nonsense'] });
    expect(started.conversation).toMatchObject({ status: 'active', groupId: group.id });
    const startEvents = await h.database.db.select().from(outbox).where(eq(outbox.conversationId, started.conversation.id));
    expect(startEvents.find((e) => e.type === 'conversation.assigned')?.payload).toMatchObject({ tags: ['VIP'] });
  });

  it('stores visitor.page views and shows device, pages and previous chats in the context panel; the agent edits the profile', async () => {
    const ws = await h.createWorkspace(1);
    const { agent, visitor, conversationId } = await liveChat(ws, nodeA, nodeB, { timeZone: 'Europe/Zurich' });
    // Each answer counts this visit's page views (the widget's frame reloads with every page of the site).
    expect(await request(visitor, 'visitor.page', { url: 'https://shop.example/', title: 'Shop', referrer: 'https://search.example/?q=shoes' })).toMatchObject({ ok: true, pagesVisited: 1 });
    expect(await request(visitor, 'visitor.page', { url: 'https://shop.example/cart', title: 'Cart' })).toMatchObject({ ok: true, pagesVisited: 2 });
    const refused = await request(visitor, 'visitor.page', { url: 'javascript:alert(1)' });
    expect(refused.error.code).toBe('bad_request');
    const rows = await h.database.db.select().from(visitorPages).where(eq(visitorPages.workspaceId, ws.workspaceId));
    expect(rows.map((r) => r.url)).toEqual(['https://shop.example/', 'https://shop.example/cart']);

    const { context } = await request(agent, 'visitor.context', { conversationId });
    expect(context.device).toMatchObject({ browser: 'Safari 17.0', os: 'iOS 17.0', type: 'mobile', language: 'de-CH', timeZone: 'Europe/Zurich', visits: 1 });
    expect(context.pages.map((p: { title: string }) => p.title)).toEqual(['Cart', 'Shop']);
    expect(context.pages[1].referrer).toBe('https://search.example/?q=shoes');
    expect(context.previous).toEqual([]);

    const bad = await request(agent, 'visitor.profile.update', { conversationId, name: 'Kim', email: 'not-an-email', phone: null, notes: null });
    expect(bad.error.code).toBe('bad_request');
    const saved = await request(agent, 'visitor.profile.update', { conversationId, name: 'Kim Park', email: 'kim@example.com', phone: '+41 44 000 00 00', notes: 'Prefers email' });
    expect(saved.visitor).toMatchObject({ name: 'Kim Park', email: 'kim@example.com', notes: 'Prefers email' });
  });

  it('a ban disconnects the visitor on every node and refuses them on both nodes; their old token stays revoked after the ban is lifted', async () => {
    const ws = await h.createWorkspace(1);
    const { agent, visitor, token, conversationId } = await liveChat(ws, nodeA, nodeB);
    const dropped = new Promise<void>((resolve) => visitor.on('disconnect', () => resolve()));
    const notice = nextEvent<{ text: string }>(visitor, 'notice');
    const banned = await request(agent, 'visitor.ban', { conversationId, reason: 'Abusive language', durationMinutes: 60 });
    expect(banned.ban).toMatchObject({ reason: 'Abusive language', active: true });
    expect((await notice).text).toBe('Chat is not available at the moment.');
    await dropped;

    // How a handshake ends. Nodes cache "not banned" and drop it when the ban's commit notifies them
    // (domain/security/visitor-gate.ts), so each node refuses within moments of the ban.
    const handshakeOutcome = async (node: RealtimeServer, auth: Record<string, string>) => {
      const socket = h.raw(node, '/visitor', auth);
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect_error', (error: Error) => resolve(error.message));
        socket.once('connect', () => resolve('connected'));
      });
      socket.disconnect();
      return outcome;
    };
    for (const node of [nodeA, nodeB]) {
      await expect.poll(() => handshakeOutcome(node, { widgetKey: ws.widgetKey, token }), { timeout: 5_000, interval: 50 }).toBe('forbidden: Chat is not available at the moment.');
      // The ban targets the visitor, not their address (shared behind a proxy or NAT): others still connect.
      expect(await handshakeOutcome(node, { widgetKey: ws.widgetKey })).toBe('connected');
    }
    // Other workspaces are not affected.
    const other = await h.createWorkspace(1);
    expect((await h.visitor(nodeB, other.widgetKey)).session.visitorId).toBeTruthy();

    const { BanService } = await import('../../src/domain/bans/service');
    const bans = new BanService(h.database.db);
    expect((await bans.list(ws.workspaceId)).map((b) => b.active)).toEqual([true]);
    await bans.lift(ws.workspaceId, banned.ban.id, ws.adminId);
    // The ban revoked every token of the visitor: the old one never comes back as the same visitor.
    for (const node of [nodeA, nodeB]) expect(await handshakeOutcome(node, { widgetKey: ws.widgetKey, token })).toBe('unauthorized: visitor token revoked');
    const back = await h.visitor(nodeB, ws.widgetKey);
    expect(back.session.visitorId).toBeTruthy();
  });
});
