import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { conversations, customers, ratings, visitors, workspaces } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import { partnerIdHash } from '../../src/domain/crm/verify';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { cleanupRedisPrefix, TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/** F8 satisfaction and F2 customer auto-save against real Redis and PostgreSQL, through real sockets and route handlers. */
const h = new ChatHarness();
let ws: TestWorkspace;
let node: RealtimeServer;
let agent: Socket;
let secret: string;

let auth: typeof import('../../src/lib/auth');
let resultsRoute: typeof import('../../src/app/api/admin/satisfaction/results/route');
let customerRoute: typeof import('../../src/app/api/admin/customers/[id]/route');
let customersRoute: typeof import('../../src/app/api/admin/customers/route');
let secretRoute: typeof import('../../src/app/api/admin/workspace/secret/route');

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: unknown, method: string, path: string, params: Record<string, string> = {}) {
  const res = await (handler as Handler)(new Request(`http://localhost${path}`, { method }), { params: Promise.resolve(params) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}
const as = (user: SessionUser) => auth.setSessionResolver(async () => user);
let adminUser: SessionUser;
let agentUser: SessionUser;

const satisfaction = (patch: Record<string, unknown>) =>
  h.saveSettings(node, ws.workspaceId, 'satisfaction', {
    enabled: true,
    maxInvitations: 2,
    allowOverwrite: false,
    agentsSeeResults: false,
    scheme: { scale: 5, levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: `L${score}`, tags: score === 5 ? ['Quick', 'Friendly'] : [] })), solvedEnabled: true },
    ...patch,
  });

async function servedChat(auth: Record<string, unknown> = {}) {
  const socket = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, ...auth });
  await nextEvent(socket, 'session');
  const started = await request(socket, 'chat.start', {});
  expect(started.conversation.status).toBe('active');
  return { socket, conversationId: started.conversation.id as string };
}

beforeAll(async () => {
  await h.setup();
  auth = await startWebServices(h);
  resultsRoute = await import('../../src/app/api/admin/satisfaction/results/route');
  customerRoute = await import('../../src/app/api/admin/customers/[id]/route');
  customersRoute = await import('../../src/app/api/admin/customers/route');
  secretRoute = await import('../../src/app/api/admin/workspace/secret/route');

  ws = await h.createWorkspace(1, { receptionLimit: 50 });
  node = await h.startNode();
  agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  [{ secret }] = await h.database.db.select({ secret: workspaces.secret }).from(workspaces).where(eq(workspaces.id, ws.workspaceId));
  adminUser = { id: ws.adminId, workspaceId: ws.workspaceId, email: '', name: 'Admin', role: 'admin' };
  agentUser = { id: ws.agents[0].id, workspaceId: ws.workspaceId, email: ws.agents[0].email, name: ws.agents[0].name, role: 'agent' };
  await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'optional' });
});

afterEach(() => auth?.setSessionResolver(null));

afterAll(async () => {
  await stopWebServices();
  await cleanupRedisPrefix(h.redis, h.prefix);
  await h.teardown();
});

describe('satisfaction (F8)', () => {
  it('agent invitation -> rating credited to the serving agent; a second invitation obeys the overwrite rule', async () => {
    await satisfaction({ allowOverwrite: false });
    const { socket, conversationId } = await servedChat();
    const invited = nextEvent<{ conversationId: string; scheme: { scale: number }; by: string }>(socket, 'rating.invite');
    expect(await request(agent, 'rating.invite', { conversationId })).toMatchObject({ ok: true, invitations: 1, max: 2 });
    expect(await invited).toMatchObject({ conversationId, by: 'agent', scheme: { scale: 5 } });

    const first = await request(socket, 'rating.submit', { conversationId, score: 4, solved: true });
    expect(first).toMatchObject({ ok: true, overwritten: false, rating: { score: 4, label: 'L4', solved: true } });
    expect(first.rating.agentId).toBeUndefined(); // the visitor does not learn internal ids
    const [stored] = await h.database.db.select().from(ratings).where(eq(ratings.conversationId, conversationId));
    expect(stored.agentId).toBe(ws.agents[0].id);

    // Rated and no overwrite: a second invitation is refused, and so is a second rating.
    expect(await request(agent, 'rating.invite', { conversationId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await request(socket, 'rating.submit', { conversationId, score: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // With overwrite on, the second invitation's rating replaces the first; the limit then stops a third.
    await satisfaction({ allowOverwrite: true });
    expect(await request(agent, 'rating.invite', { conversationId })).toMatchObject({ ok: true, invitations: 2 });
    expect(await request(socket, 'rating.submit', { conversationId, score: 5, tags: ['Quick'] })).toMatchObject({ ok: true, overwritten: true, rating: { score: 5, tags: ['Quick'] } });
    expect(await request(agent, 'rating.invite', { conversationId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const rows = await h.database.db.select().from(ratings).where(eq(ratings.conversationId, conversationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 5, revisions: 2, agentId: ws.agents[0].id });

    // Tags must belong to the chosen score.
    expect(await request(socket, 'rating.submit', { conversationId, score: 4, tags: ['Quick'] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('invites automatically when the chat ends; the state tells the widget what to show', async () => {
    await satisfaction({ allowOverwrite: false, inviteOnEnd: true });
    const { socket, conversationId } = await servedChat();
    const invited = nextEvent<{ by: string }>(socket, 'rating.invite');
    await request(agent, 'chat.end', { conversationId });
    expect((await invited).by).toBe('end');
    const state = await request(socket, 'rating.get', { conversationId });
    expect(state).toMatchObject({ ok: true, state: { enabled: true, invitations: 1, canRate: true, rating: null } });
    expect(await request(socket, 'rating.submit', { conversationId, score: 5, tags: ['Friendly'], comment: 'Great' })).toMatchObject({ ok: true });
    expect((await request(socket, 'rating.get', { conversationId })).state).toMatchObject({ canRate: false, rating: { score: 5 } });
  });

  it('an agent without visibility gets no rating data from any API; with visibility, only their own', async () => {
    await satisfaction({ agentsSeeResults: false, allowOverwrite: true });
    const { socket, conversationId } = await servedChat({ partnerId: 'vis-1' });
    let received = 0;
    agent.on('rating.received', () => received++);
    await request(agent, 'rating.invite', { conversationId });
    await request(socket, 'rating.submit', { conversationId, score: 3 });
    const panel = await request(agent, 'customer.get', { conversationId });
    expect(panel).toMatchObject({ ok: true, ratingsVisible: false, ratings: null });
    expect(panel.customer.partnerId).toBe('vis-1');
    as(agentUser);
    expect((await call(resultsRoute.GET, 'GET', '/api/admin/satisfaction/results')).status).toBe(403);
    const detail = await call(customerRoute.GET, 'GET', `/api/admin/customers/${panel.customer.id}`, { id: panel.customer.id });
    expect(detail.status).toBe(200);
    expect(detail.json.ratings).toBeNull();
    expect(JSON.stringify(detail.json)).not.toContain('"score"');
    expect(received).toBe(0);

    // Admins always see results.
    as(adminUser);
    const all = await call(resultsRoute.GET, 'GET', '/api/admin/satisfaction/results');
    expect(all.status).toBe(200);
    expect(all.json.results.total.count).toBeGreaterThanOrEqual(3);
    expect(all.json.results.byAgent[0]).toMatchObject({ id: ws.agents[0].id, name: 'Agent 1' });

    // Turn visibility on: the agent is told live and sees ratings in the panel and (own) results.
    await satisfaction({ agentsSeeResults: true, allowOverwrite: true });
    const live = nextEvent<{ conversationId: string; rating: { score: number } }>(agent, 'rating.received');
    await request(socket, 'rating.submit', { conversationId, score: 4 });
    expect((await live).rating.score).toBe(4);
    expect(await request(agent, 'customer.get', { conversationId })).toMatchObject({ ratingsVisible: true, ratings: [{ score: 4 }] });
    as(agentUser);
    const own = await call(resultsRoute.GET, 'GET', '/api/admin/satisfaction/results');
    expect(own.status).toBe(200);
    expect(own.json.results.byAgent.map((r: { id: string }) => r.id)).toEqual([ws.agents[0].id]);
    // The workspace secret stays admin-only.
    expect((await call(secretRoute.GET, 'GET', '/api/admin/workspace/secret')).status).toBe(403);
  });
});

describe('customer info auto-save (F2)', () => {
  it('the same partnerid twice updates one customer and links visitors and conversations', async () => {
    await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'optional' });
    const hash = partnerIdHash(secret, 'cust-77');
    const a = await servedChat({ partnerId: 'cust-77', partnerIdHash: hash, name: 'Jane', email: 'jane@example.com', params: { plan: 'gold', 'bad key': 'x' } });
    await request(agent, 'chat.end', { conversationId: a.conversationId });
    const b = await servedChat({ partnerId: 'cust-77', phone: '+47 123', params: { region: 'north' } });
    const rows = await h.database.db.select().from(customers).where(and(eq(customers.workspaceId, ws.workspaceId), eq(customers.partnerId, 'cust-77')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Jane', email: 'jane@example.com', phone: '+47 123', visits: 2, params: { plan: 'gold', region: 'north' }, verified: false });
    const linked = await h.database.db.select({ customerId: conversations.customerId }).from(conversations).where(eq(conversations.customerId, rows[0].id));
    expect(linked).toHaveLength(2);
    const panel = await request(agent, 'customer.get', { conversationId: b.conversationId });
    expect(panel.customer).toMatchObject({ partnerId: 'cust-77', name: 'Jane' });
    expect(panel.conversations.map((c: { id: string }) => c.id)).toEqual([b.conversationId, a.conversationId]);
    as(adminUser);
    const list = await call(customersRoute.GET, 'GET', '/api/admin/customers?q=jane');
    expect(list.json).toMatchObject({ ok: true, total: 1, items: [{ partnerId: 'cust-77' }] });
  });

  it('a contact who signs in on the same device becomes that customer: one record, their chats moved; other devices with the same typed email are not merged', async () => {
    const db = h.database.db;
    // Device A: the site identifies a visitor by name and email only (a contact), who chats.
    const deviceA = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, name: 'Lee', email: 'lee@example.com' });
    const { token, visitorId } = await nextEvent<{ token: string; visitorId: string }>(deviceA, 'session');
    const first = await request(deviceA, 'chat.start', {});
    await request(agent, 'chat.end', { conversationId: first.conversation.id });
    deviceA.disconnect();
    // Device B: someone types the same email (nothing proves it is Lee).
    const deviceB = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, name: 'Not Lee', email: 'LEE@example.com' });
    await nextEvent(deviceB, 'session');
    const other = await request(deviceB, 'chat.start', {});
    await request(agent, 'chat.end', { conversationId: other.conversation.id });
    deviceB.disconnect();
    const [contact] = await db.select().from(customers).where(and(eq(customers.workspaceId, ws.workspaceId), eq(customers.email, 'lee@example.com')));
    expect(contact.partnerId).toBeNull();

    // Lee signs in on device A: the partnerid customer takes device A's name, email and chat (not what device B typed).
    const signedIn = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, token, partnerId: 'lee-1', params: { plan: 'pro' } });
    expect((await nextEvent<{ visitorId: string }>(signedIn, 'session')).visitorId).toBe(visitorId);
    const [customer] = await db.select().from(customers).where(and(eq(customers.workspaceId, ws.workspaceId), eq(customers.partnerId, 'lee-1')));
    expect(customer).toMatchObject({ name: 'Lee', email: 'lee@example.com', params: { plan: 'pro' } });
    const owner = async (conversationId: string) => (await db.select({ c: conversations.customerId }).from(conversations).where(eq(conversations.id, conversationId)))[0].c;
    expect(await owner(first.conversation.id)).toBe(customer.id);
    // Device B's chat stays with the contact, which therefore still exists.
    expect(await owner(other.conversation.id)).toBe(contact.id);
    const panel = await request(agent, 'customer.get', { conversationId: first.conversation.id });
    expect(panel.customer).toMatchObject({ partnerId: 'lee-1', name: 'Lee' });
    expect(panel.conversations.map((c: { id: string }) => c.id)).toEqual([first.conversation.id]);
    signedIn.disconnect();

    // A contact with nothing else pointing at it is gone once its only device signs in.
    const solo = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, name: 'Sam', email: 'sam@example.com' });
    const soloSession = await nextEvent<{ token: string }>(solo, 'session');
    solo.disconnect();
    expect(await db.select().from(customers).where(and(eq(customers.workspaceId, ws.workspaceId), eq(customers.email, 'sam@example.com')))).toHaveLength(1);
    const soloIn = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, token: soloSession.token, partnerId: 'sam-1' });
    await nextEvent(soloIn, 'session');
    const sams = await db.select().from(customers).where(and(eq(customers.workspaceId, ws.workspaceId), eq(customers.email, 'sam@example.com')));
    expect(sams.map((c) => c.partnerId)).toEqual(['sam-1']);
    soloIn.disconnect();
  });

  it('without partnerid, or with auto-save off, nothing is saved', async () => {
    const before = (await h.database.db.select().from(customers)).length;
    const anon = await servedChat({ name: 'Anon' });
    expect((await request(agent, 'customer.get', { conversationId: anon.conversationId })).customer).toBeNull();
    await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: false, verification: 'off' });
    await servedChat({ partnerId: 'never-saved' });
    expect((await h.database.db.select().from(customers)).length).toBe(before);
    const [v] = await h.database.db.select().from(visitors).where(eq(visitors.partnerId, 'never-saved'));
    expect(v).toBeUndefined();
  });

  it('mandatory verification refuses a partnerid with a wrong or missing hash; anonymous visitors may chat', async () => {
    await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'mandatory' });
    for (const authExtra of [{ partnerId: 'cust-9', partnerIdHash: partnerIdHash('wrong-secret', 'cust-9') }, { partnerId: 'cust-9' }]) {
      const socket = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, ...authExtra });
      const error = await nextEvent<Error>(socket, 'connect_error');
      expect(error.message).toMatch(/^identity_unverified: /);
    }
    expect(await h.database.db.select().from(customers).where(eq(customers.partnerId, 'cust-9'))).toHaveLength(0);
    const ok = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, partnerId: 'cust-9', partnerIdHash: partnerIdHash(secret, 'cust-9') });
    await nextEvent(ok, 'session');
    const [saved] = await h.database.db.select().from(customers).where(eq(customers.partnerId, 'cust-9'));
    expect(saved.verified).toBe(true);
    const anonymous = h.raw(node, '/visitor', { widgetKey: ws.widgetKey });
    await nextEvent(anonymous, 'session');
  });
});
