import type { Socket } from 'socket.io-client';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 13, defect 5: rate limits counted in Redis, so they hold across two realtime nodes and every web
 * process. Each limit: hit -> `rate_limited` (socket) / 429 + Retry-After (HTTP); other users unaffected.
 * Visitors here come from distinct documentation IPs through a trusted proxy (X-Forwarded-For).
 */
const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;
let auth: typeof import('../../src/lib/auth');
let services: typeof import('../../src/server/web').services;
let nextAuthRoute: typeof import('../../src/app/api/auth/[...nextauth]/route');
let signupRoute: typeof import('../../src/app/api/signup/route');
let agentsRoute: typeof import('../../src/app/api/admin/agents/route');
const limits = { visitorHandshakesPerIpPerMinute: 3, visitorHandshakesPerKeyPerMinute: 5, messagesPer10s: 3, typingPer10s: 3, submissionsPerHour: 2 };
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode({ rateLimits: limits, trustedProxies: '127.0.0.1,::1' });
  nodeB = await h.startNode({ rateLimits: limits, trustedProxies: '127.0.0.1,::1' });
  auth = await startWebServices(h, { RL_SIGNIN_FREE_ATTEMPTS: '2', RL_SIGNIN_DELAY_BASE_SECONDS: '30', RL_SIGNIN_MAX_FAILURES: '5', RL_SIGNIN_LOCKOUT_SECONDS: '600', RL_SIGNUP_PER_IP_PER_HOUR: '2', RL_ADMIN_API_PER_MINUTE: '5' });
  services = (await import('../../src/server/web')).services;
  nextAuthRoute = await import('../../src/app/api/auth/[...nextauth]/route');
  signupRoute = await import('../../src/app/api/signup/route');
  agentsRoute = await import('../../src/app/api/admin/agents/route');
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));
function visitorFrom(node: RealtimeServer, ip: string, widgetKey: string, token?: string): Socket {
  const socket = connect(`http://127.0.0.1:${node.port}/visitor`, { transports: ['websocket'], auth: { widgetKey, token }, extraHeaders: { 'x-forwarded-for': ip }, forceNew: true, reconnection: false });
  sockets.push(socket);
  return socket;
}
function handshake(socket: Socket): Promise<{ ok: true; token: string; visitorId: string } | { ok: false; message: string; data: any }> {
  return new Promise((resolve) => {
    socket.once('session', (s: { token: string; visitorId: string }) => resolve({ ok: true, token: s.token, visitorId: s.visitorId }));
    socket.once('connect_error', (err: Error & { data?: unknown }) => resolve({ ok: false, message: err.message, data: err.data }));
  });
}

describe('visitor handshakes', () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await h.createWorkspace(0);
  });

  it('per IP, across both nodes; another IP is unaffected', async () => {
    const ip = freshIp();
    for (const node of [nodeA, nodeB, nodeA]) expect((await handshake(visitorFrom(node, ip, ws.widgetKey))).ok).toBe(true);
    const refused = await handshake(visitorFrom(nodeB, ip, ws.widgetKey));
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^rate_limited: Too many connections/), data: { retryAfterSeconds: expect.any(Number) } });
    expect((await handshake(visitorFrom(nodeB, freshIp(), ws.widgetKey))).ok).toBe(true);
  });

  it('per widget key, whatever the IP; another workspace is unaffected', async () => {
    const other = await h.createWorkspace(0);
    const mine = await h.createWorkspace(0);
    for (let i = 0; i < 5; i++) expect((await handshake(visitorFrom(i % 2 ? nodeA : nodeB, freshIp(), mine.widgetKey))).ok).toBe(true);
    expect(await handshake(visitorFrom(nodeA, freshIp(), mine.widgetKey))).toMatchObject({ ok: false, message: expect.stringMatching(/^rate_limited/) });
    expect((await handshake(visitorFrom(nodeA, freshIp(), other.widgetKey))).ok).toBe(true);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const strict = await h.startNode({ rateLimits: { visitorHandshakesPerIpPerMinute: 2 } }); // no trusted proxy
    const forged = [freshIp(), freshIp(), freshIp()];
    const results = [];
    for (const ip of forged) results.push((await handshake(visitorFrom(strict, ip, ws.widgetKey))).ok);
    // Three "different" forged addresses are one peer (127.0.0.1): the third is refused.
    expect(results).toEqual([true, true, false]);
  });
});

describe('socket events', () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await h.createWorkspace(1);
  });

  it('messages per visitor across two tabs on two nodes; another visitor is unaffected', async () => {
    const agent = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const tabA = visitorFrom(nodeA, freshIp(), ws.widgetKey);
    const first = await handshake(tabA);
    if (!first.ok) throw new Error(first.message);
    const tabB = visitorFrom(nodeB, freshIp(), ws.widgetKey, first.token);
    expect(await handshake(tabB)).toMatchObject({ ok: true, visitorId: first.visitorId });
    const conversationId = (await request(tabA, 'chat.start', {})).conversation.id;
    // Once tab B sees tab A's first message it has joined the conversation (on the other node).
    const seen = nextEvent(tabB, 'message');
    const acks = [await request(tabA, 'message.send', { conversationId, clientMsgId: 'm0', body: 'hello 0' })];
    await seen;
    for (let i = 1; i < 4; i++) acks.push(await request(i % 2 ? tabB : tabA, 'message.send', { conversationId, clientMsgId: `m${i}`, body: `hello ${i}` }));
    expect(acks.slice(0, 3).every((a) => a.ok)).toBe(true);
    expect(acks[3]).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } } });
    // Typing has its own budget.
    expect(await request(tabB, 'typing', { conversationId, typing: true })).toMatchObject({ ok: true });

    const other = visitorFrom(nodeB, freshIp(), ws.widgetKey);
    await handshake(other);
    const otherConversation = (await request(other, 'chat.start', {})).conversation.id;
    expect(await request(other, 'message.send', { conversationId: otherConversation, clientMsgId: 'x', body: 'me too' })).toMatchObject({ ok: true });
  });

  it('messages and typing per agent socket', async () => {
    const agent = await h.staff(nodeB, ws.workspaceId, ws.agents[0].id);
    const visitor = visitorFrom(nodeA, freshIp(), ws.widgetKey);
    await handshake(visitor);
    const conversationId = (await request(visitor, 'chat.start', {})).conversation.id;
    const acks = [];
    for (let i = 0; i < 4; i++) acks.push(await request(agent, 'typing', { conversationId, typing: i % 2 === 0 }));
    expect(acks.map((a) => (a.ok ? true : a.error.code))).toEqual([true, true, true, 'rate_limited']);
    // Another socket of the same agent has its own budget.
    const second = await h.staff(nodeA, ws.workspaceId, ws.agents[0].id);
    expect(await request(second, 'typing', { conversationId, typing: false })).toMatchObject({ ok: true });
  });

  it('submissions per visitor (counted even when refused, so probing costs too)', async () => {
    const visitor = visitorFrom(nodeA, freshIp(), ws.widgetKey);
    await handshake(visitor);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await request(visitor, 'submission.create', { fields: { content: 'hi' } })).error.code);
    expect(codes[2]).toBe('rate_limited');
    expect(codes.slice(0, 2)).not.toContain('rate_limited');
  });
});

describe('HTTP', () => {
  type Ctx = { params: Promise<Record<string, any>> };
  const credentialsPost = (email: string) =>
    nextAuthRoute.POST(
      new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.9' }, body: new URLSearchParams({ email, password: 'nope', json: 'true' }) }),
      { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) } as Ctx as never,
    );
  const authorize = (email: string, password: string) =>
    (auth.authOptions.providers[0] as unknown as { options: { authorize(c: unknown, r: unknown): Promise<unknown> } }).options.authorize({ email, password }, { headers: { 'x-forwarded-for': '198.51.100.9' } });

  it('sign-in: free attempts, then a progressive delay, then a lockout; the right password resets; other accounts unaffected', async () => {
    const ws = await h.createWorkspace(1);
    const email = ws.agents[0].email;
    const { limits: rl } = services();
    // Two free failures: the next attempt is still allowed.
    for (let i = 0; i < 2; i++) expect(await authorize(email, 'wrong-password')).toBeNull();
    await expect(rl.assertSignInAllowed(email, '198.51.100.9')).resolves.toBeUndefined();
    // A third failure starts the delay: the route refuses before checking any password.
    expect(await authorize(email, 'wrong-password')).toBeNull();
    const delayed = await credentialsPost(email);
    expect(delayed.status).toBe(429);
    expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await delayed.json()) as { url: string; error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(new URL(body.url).searchParams.get('error')).toMatch(/Too many failed sign-ins.*try again in \d+ seconds/i);
    // Other accounts are not affected.
    await expect(rl.assertSignInAllowed(ws.agents[0].email.replace('agent1', 'agent9'), '198.51.100.10')).resolves.toBeUndefined();
    // The correct password clears the counters.
    expect(await authorize(email, TEST_PASSWORD)).toMatchObject({ email });
    await expect(rl.assertSignInAllowed(email, '198.51.100.9')).resolves.toBeUndefined();
    // Five failures in a row lock the account, with a clear message.
    for (let i = 0; i < 5; i++) await authorize(email, 'wrong-password');
    const locked = await credentialsPost(email);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(/locked after too many failed sign-ins\. Try again in 10 minutes/);
  });

  it('sign-up per IP: 429 with Retry-After, another IP unaffected', async () => {
    const post = (ip: string, body: unknown) =>
      signupRoute.POST(new Request('http://localhost/api/signup', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) }), { params: Promise.resolve({}) } as never);
    const tag = Math.random().toString(36).slice(2, 8);
    const form = (n: number) => ({ workspaceName: `Co ${tag} ${n}`, name: 'Flo', email: `flo${n}-${tag}@test.dev`, password: TEST_PASSWORD });
    expect((await post('198.51.100.20', form(1))).status).toBe(201);
    expect((await post('198.51.100.20', { bad: 'input' })).status).toBe(400);
    const refused = await post('198.51.100.20', form(3));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await post('198.51.100.21', form(4))).status).toBe(201);
  });

  it('admin API per user: 429 with Retry-After, another admin unaffected', async () => {
    const [a, b] = [await h.createWorkspace(0), await h.createWorkspace(0)];
    const as = (ws: TestWorkspace): SessionUser => ({ id: ws.adminId, workspaceId: ws.workspaceId, email: 'x@test.dev', name: 'Admin', role: 'admin' });
    const get = () => agentsRoute.GET(new Request('http://localhost/api/admin/agents'), { params: Promise.resolve({}) } as never);
    auth.setSessionResolver(async () => as(a));
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await get();
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    auth.setSessionResolver(async () => as(b));
    expect((await get()).status).toBe(200);
  });
});
