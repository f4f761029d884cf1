import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversations as conversationsTable, users } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { signStaffToken } from '../../src/lib/tokens';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 13, defect 1 and sessions: an account change (deactivation, role change, password change,
 * sign-out everywhere) cuts EVERY socket of the account in every namespace on every node at once, and
 * each privileged socket action checks the account's current role. Two realtime nodes; the console's
 * route handlers are called directly (web process: Redis emitter).
 */
const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;
let auth: typeof import('../../src/lib/auth');
let agentRoute: typeof import('../../src/app/api/admin/agents/[id]/route');
let tokenRoute: typeof import('../../src/app/api/realtime/token/route');
let signOutRoute: typeof import('../../src/app/api/account/sign-out-everywhere/route');

beforeAll(async () => {
  await h.setup();
  [nodeA, nodeB] = [await h.startNode(), await h.startNode()];
  auth = await startWebServices(h);
  agentRoute = await import('../../src/app/api/admin/agents/[id]/route');
  tokenRoute = await import('../../src/app/api/realtime/token/route');
  signOutRoute = await import('../../src/app/api/account/sign-out-everywhere/route');
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

type Ctx = { params: Promise<Record<string, string>> };
async function call(handler: unknown, method: string, body?: unknown, params: Record<string, string> = {}) {
  const req = new Request('http://localhost/api/x', { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await (handler as (r: Request, c: Ctx) => Promise<Response>)(req, { params: Promise.resolve(params) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function supervisorOf(ws: TestWorkspace): Promise<SessionUser> {
  const s = await h.accounts.createAgent(ws.workspaceId, { name: 'Sue Supervisor', email: `sue-${ws.workspaceId.slice(0, 8)}@test.dev`, password: TEST_PASSWORD, role: 'supervisor' });
  return { id: s.id, workspaceId: ws.workspaceId, email: s.email, name: s.name, role: 'supervisor' };
}
const adminOf = (ws: TestWorkspace): SessionUser => ({ id: ws.adminId, workspaceId: ws.workspaceId, email: 'a@test.dev', name: 'Admin', role: 'admin' });

async function monitorSocket(node: RealtimeServer, token: string): Promise<Socket> {
  const socket = h.raw(node, '/monitor', { token });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
const disconnected = (socket: Socket) => (socket.disconnected ? Promise.resolve() : new Promise<void>((resolve) => socket.once('disconnect', () => resolve())));
function refusal(node: RealtimeServer, namespace: string, token: string): Promise<string> {
  const socket = h.raw(node, namespace, { token });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err) => resolve(err.message));
    socket.once('connect', () => reject(new Error(`${namespace} accepted the socket`)));
  });
}

/** A supervisor with an /agent socket on node A and a /monitor socket on node B, watching a live chat. */
async function supervisorOnBothNodes() {
  const ws = await h.createWorkspace(1);
  const sup = await supervisorOf(ws);
  const token = await signStaffToken(TEST_AUTH_SECRET, { uid: sup.id, wid: ws.workspaceId, role: 'supervisor' });
  const agentSocket = await h.staff(nodeA, ws.workspaceId, sup.id, 'supervisor');
  const monitor = await monitorSocket(nodeB, token);
  const agent = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  const { socket: visitor } = await h.visitor(nodeA, ws.widgetKey);
  const conversationId: string = (await request(visitor, 'chat.start', {})).conversation.id;
  expect(await request(monitor, 'monitor.watch', { conversationId })).toMatchObject({ ok: true });
  return { ws, sup, token, agentSocket, monitor, visitor, conversationId };
}

describe('account changes cut every socket of the account, on every node', () => {
  it('deactivation cuts /agent (node A) and /monitor (node B); the old token no longer connects', async () => {
    const { ws, sup, token, agentSocket, monitor } = await supervisorOnBothNodes();
    auth.setSessionResolver(async () => adminOf(ws));
    const cut = Promise.all([disconnected(agentSocket), disconnected(monitor)]);
    expect((await call(agentRoute.PATCH, 'PATCH', { active: false }, { id: sup.id })).status).toBe(200);
    await cut;
    expect(await refusal(nodeA, '/monitor', token)).toMatch(/^unauthorized/);
    expect(await refusal(nodeB, '/agent', token)).toMatch(/^unauthorized/);
  });

  it('demotion to agent cuts /monitor; a fresh token is refused there and accepted on /agent', async () => {
    const { ws, sup, agentSocket, monitor, conversationId } = await supervisorOnBothNodes();
    auth.setSessionResolver(async () => adminOf(ws));
    const cut = Promise.all([disconnected(agentSocket), disconnected(monitor)]);
    expect((await call(agentRoute.PATCH, 'PATCH', { role: 'agent' }, { id: sup.id })).json.agent.role).toBe('agent');
    await cut;
    // The session of the demoted user was minted before the change: it is over.
    auth.setSessionResolver(async () => sup);
    expect((await call(tokenRoute.GET, 'GET')).status).toBe(401);
    // Signed in again (current session version): the new token is re-authorised per namespace.
    auth.setSessionResolver(async () => ({ ...sup, role: 'agent', sessionVersion: 1 }));
    const fresh = await call(tokenRoute.GET, 'GET');
    expect(fresh.status).toBe(200);
    expect(await refusal(nodeB, '/monitor', fresh.json.token)).toMatch(/^forbidden/);
    const again = h.raw(nodeA, '/agent', { token: fresh.json.token });
    await nextEvent(again, 'presence');
    const [row] = await h.database.db.select().from(conversationsTable).where(eq(conversationsTable.id, conversationId));
    expect(row.status).not.toBe('ended');
  });

  it('checks the CURRENT role on every monitoring action, even when no disconnect reached the socket', async () => {
    const { sup, monitor, conversationId } = await supervisorOnBothNodes();
    // A role change written without any broadcast (e.g. straight in the database).
    await h.database.db.update(users).set({ role: 'agent' }).where(eq(users.id, sup.id));
    const cut = disconnected(monitor);
    expect(await request(monitor, 'chat.end', { conversationId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await cut;
    const [row] = await h.database.db.select().from(conversationsTable).where(eq(conversationsTable.id, conversationId));
    expect(row.status).toBe('active');
  });

  it('stops watched messages at once for a deactivated supervisor (no more deliveries after the cut)', async () => {
    const { ws, sup, monitor, visitor, conversationId } = await supervisorOnBothNodes();
    const received: string[] = [];
    monitor.on('message', (m: { body: string }) => received.push(m.body));
    auth.setSessionResolver(async () => adminOf(ws));
    const cut = disconnected(monitor);
    await call(agentRoute.PATCH, 'PATCH', { active: false }, { id: sup.id });
    await cut;
    expect((await request(visitor, 'message.send', { conversationId, clientMsgId: 'after', body: 'secret after the cut' })).ok).toBe(true);
    expect(received).not.toContain('secret after the cut');
  });

  it('sign-out everywhere ends the web session and cuts every socket of the account', async () => {
    const { sup, agentSocket, monitor } = await supervisorOnBothNodes();
    auth.setSessionResolver(async () => sup);
    const cut = Promise.all([disconnected(agentSocket), disconnected(monitor)]);
    expect((await call(signOutRoute.POST, 'POST')).status).toBe(200);
    await cut;
    expect((await call(tokenRoute.GET, 'GET')).status).toBe(401);
  });

  it('a password change by the admin ends the sessions too', async () => {
    const { ws, sup, agentSocket } = await supervisorOnBothNodes();
    auth.setSessionResolver(async () => adminOf(ws));
    const cut = disconnected(agentSocket);
    expect((await call(agentRoute.PATCH, 'PATCH', { password: 'Another-Strong-Phrase-42' }, { id: sup.id })).status).toBe(200);
    await cut;
    expect((await call(agentRoute.PATCH, 'PATCH', { password: 'password1' }, { id: sup.id })).json.error.code).toBe('bad_request');
  });
});
