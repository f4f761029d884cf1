import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitorBans, visitorDevices } from '../../src/db/schema';
import { createRedis } from '../../src/lib/redis';
import { startRealtimeServer, type RealtimeServer } from '../../src/realtime/server';
import { createWebServer, type RequestHandler } from '../../src/web/server';
import { ChatHarness, LIFTED_RATE_LIMITS, TEST_AUTH_SECRET, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';
import { startReverseProxy, type TestProxy } from '../helpers/reverse-proxy';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 22 items 1 and 3: the client address behind a reverse proxy. A real proxy (tests/helpers/reverse-proxy.ts,
 * on 127.0.0.1, appending X-Forwarded-For like Caddy) sits in front of the web server (src/web/server.ts
 * around the real route handlers) and of realtime nodes. Trusted (TRUSTED_PROXIES=127.0.0.1): each client
 * has its own address for limits and bans. Not trusted: the header is not believed, every client is the
 * proxy's address, and readiness warns what to set.
 */
const h = new ChatHarness();
const TRUSTED = '127.0.0.1,::1';
let signupRoute: typeof import('../../src/app/api/signup/route');
let auth: typeof import('../../src/lib/auth');
let nextAuthRoute: typeof import('../../src/app/api/auth/[...nextauth]/route');
let healthRoute: typeof import('../../src/app/api/health/route');
const servers: Server[] = [];
const proxies: TestProxy[] = [];
const sockets: Socket[] = [];
let ws: TestWorkspace;

/** The route handlers under test as a Node request handler (what Next's handler does for them). */
const routes: RequestHandler = async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const v of Array.isArray(value) ? value : [value ?? '']) headers.append(name, v);
  const request = new Request(`http://localhost${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
  const path = new URL(request.url).pathname;
  let response: Response;
  if (path === '/api/signup') response = await signupRoute.POST(request, { params: Promise.resolve({}) } as never);
  else if (path === '/api/auth/callback/credentials') {
    // Our route refuses (429) before next-auth runs. next-auth itself needs the Next runtime (next/headers),
    // so past the refusal this does what it does: the credentials provider's authorize() with the headers.
    response = await nextAuthRoute.POST(request.clone(), { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) } as never).catch(async () => {
      const form = await request.formData();
      const provider = auth.authOptions.providers[0] as unknown as { options: { authorize(c: unknown, r: unknown): Promise<unknown> } };
      const user = await provider.options.authorize({ email: form.get('email'), password: form.get('password') }, { headers: Object.fromEntries(request.headers) });
      return Response.json({ url: user ? '/' : '/signin?error=CredentialsSignin' }, { status: user ? 200 : 401 });
    });
  } else if (path === '/api/health/ready') response = await healthRoute.GET();
  else response = new Response('not found', { status: 404 });
  const out: Record<string, string | string[]> = Object.fromEntries(response.headers);
  if (response.headers.getSetCookie().length) out['set-cookie'] = response.headers.getSetCookie();
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
};

async function webBehindProxy(trustedProxies: string): Promise<TestProxy> {
  const server = createWebServer({ handler: routes, trustedProxies });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = await startReverseProxy((server.address() as AddressInfo).port);
  proxies.push(proxy);
  return proxy;
}

async function realtimeBehindProxy(trustedProxies: string): Promise<{ node: RealtimeServer; proxy: TestProxy }> {
  const node = await startRealtimeServer(
    {
      authSecret: TEST_AUTH_SECRET,
      redisPrefix: h.prefix,
      corsOrigins: ['http://localhost'],
      presenceGraceSeconds: 30,
      port: 0,
      rateLimits: { ...LIFTED_RATE_LIMITS, visitorHandshakesPerIpPerMinute: 5 },
      trustedProxies,
      addressWarningVisitors: 2,
    },
    h.database.db,
    createRedis(h.redisUrl),
  );
  h.nodes.push(node);
  const proxy = await startReverseProxy(node.port);
  proxies.push(proxy);
  return { node, proxy };
}

beforeAll(async () => {
  await h.setup();
  auth = await startWebServices(h, { RL_SIGNUP_PER_IP_PER_HOUR: '2', RL_SIGNIN_IP_FAILURES_PER_15MIN: '3', RL_SIGNIN_FREE_ATTEMPTS: '5', NEXTAUTH_URL: 'http://localhost' });
  signupRoute = await import('../../src/app/api/signup/route');
  nextAuthRoute = await import('../../src/app/api/auth/[...nextauth]/route');
  healthRoute = await import('../../src/app/api/health/route');
  ws = await h.createWorkspace(0);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await Promise.all(proxies.map((p) => p.close()));
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await stopWebServices();
  await h.teardown();
});

let tag = 0;
const signUpForm = () => {
  const n = `${Date.now().toString(36)}${++tag}`;
  return JSON.stringify({ workspaceName: `Co ${n}`, name: 'Flo', email: `flo-${n}@test.dev`, password: TEST_PASSWORD });
};
const signUp = (base: string, client: string, extra: Record<string, string> = {}) =>
  fetch(`${base}/api/signup`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-client': client, ...extra }, body: signUpForm() });

/** A failed credentials sign-in for a fresh account (so only the per-address budget is at stake). Returns the HTTP status. */
async function failedSignIn(base: string, client: string): Promise<number> {
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-client': client },
    body: new URLSearchParams({ email: `nobody-${++tag}@test.dev`, password: 'wrong-password', json: 'true' }),
  });
  return answer.status;
}

describe('web: behind a trusted proxy, each client has its own address', () => {
  it('sign-up per address: the third from one client is refused, another client is not', async () => {
    const proxy = await webBehindProxy(TRUSTED);
    expect((await signUp(proxy.url, '198.51.100.1')).status).toBe(201);
    expect((await signUp(proxy.url, '198.51.100.1')).status).toBe(201);
    const refused = await signUp(proxy.url, '198.51.100.1');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await signUp(proxy.url, '198.51.100.2')).status).toBe(201);
  });

  it('a client cannot add its own X-Forwarded-For in front of the proxy: the address the proxy saw counts', async () => {
    const proxy = await webBehindProxy(TRUSTED);
    // The trusted proxy appends the real client (198.51.100.3); the forged entries to its left are not believed.
    for (const forged of ['10.0.0.1', '10.0.0.2']) expect((await signUp(proxy.url, '198.51.100.3', { 'x-forwarded-for': forged })).status).toBe(201);
    expect((await signUp(proxy.url, '198.51.100.3', { 'x-forwarded-for': '10.0.0.3' })).status).toBe(429);
  });

  it('sign-in failures per address: the fourth attempt from one client is refused before the password check, another client is not', async () => {
    const proxy = await webBehindProxy(TRUSTED);
    for (let i = 0; i < 3; i++) expect(await failedSignIn(proxy.url, '198.51.100.10')).toBe(401);
    expect(await failedSignIn(proxy.url, '198.51.100.10')).toBe(429);
    expect(await failedSignIn(proxy.url, '198.51.100.11')).toBe(401);
  });
});

describe('web: behind a proxy that is not trusted, or reached directly, forwarded headers are not believed', () => {
  it('sign-up: every client behind the untrusted proxy is one address (the proxy), and forging the header directly does not help', async () => {
    const proxy = await webBehindProxy('');
    expect((await signUp(proxy.url, '198.51.100.20')).status).toBe(201);
    expect((await signUp(proxy.url, '198.51.100.21')).status).toBe(201);
    expect((await signUp(proxy.url, '198.51.100.22')).status).toBe(429);
    // Straight to the web server, with a forged header each time: still the peer's address, still refused.
    const direct = servers.at(-1)!.address() as AddressInfo;
    const forged = await fetch(`http://127.0.0.1:${direct.port}/api/signup`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.99', 'x-real-ip': '192.0.2.98' }, body: signUpForm() });
    expect(forged.status).toBe(429);
  });

  it('sign-in failures: clients behind the untrusted proxy share one budget', async () => {
    const proxy = await webBehindProxy('');
    for (let i = 0; i < 3; i++) expect(await failedSignIn(proxy.url, `198.51.100.${30 + i}`)).toBe(401);
    expect(await failedSignIn(proxy.url, '198.51.100.40')).toBe(429);
  });
});

function visitorVia(proxy: TestProxy, client: string): Socket {
  const socket = connect(`${proxy.url}/visitor`, { transports: ['websocket'], auth: { widgetKey: ws.widgetKey }, extraHeaders: { 'x-test-client': client }, forceNew: true, reconnection: false });
  sockets.push(socket);
  return socket;
}
function handshake(socket: Socket): Promise<{ ok: true; visitorId: string } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    socket.once('session', (s: { visitorId: string }) => resolve({ ok: true, visitorId: s.visitorId }));
    socket.once('connect_error', (err: Error) => resolve({ ok: false, message: err.message }));
  });
}
async function deviceIp(visitorId: string): Promise<string | null> {
  for (let i = 0; i < 50; i++) {
    const [row] = await h.database.db.select({ ip: visitorDevices.ip }).from(visitorDevices).where(eq(visitorDevices.visitorId, visitorId));
    if (row) return row.ip;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

describe('realtime behind a trusted proxy', () => {
  it('handshake limit per address: the sixth from one client is refused, another client is not; the device records the client', async () => {
    const { proxy } = await realtimeBehindProxy(TRUSTED);
    const first = await handshake(visitorVia(proxy, '203.0.113.1'));
    expect(first.ok).toBe(true);
    if (first.ok) expect(await deviceIp(first.visitorId)).toBe('203.0.113.1');
    for (let i = 0; i < 4; i++) expect((await handshake(visitorVia(proxy, '203.0.113.1'))).ok).toBe(true);
    expect(await handshake(visitorVia(proxy, '203.0.113.1'))).toMatchObject({ ok: false, message: expect.stringMatching(/^rate_limited/) });
    expect((await handshake(visitorVia(proxy, '203.0.113.2'))).ok).toBe(true);
  });

  it('a ban of an address refuses that client only', async () => {
    const { proxy } = await realtimeBehindProxy(TRUSTED);
    await h.database.db.insert(visitorBans).values({ workspaceId: ws.workspaceId, ip: '203.0.113.66', reason: 'spam' });
    expect(await handshake(visitorVia(proxy, '203.0.113.66'))).toMatchObject({ ok: false, message: expect.stringMatching(/not available/) });
    expect((await handshake(visitorVia(proxy, '203.0.113.67'))).ok).toBe(true);
  });
});

describe('realtime behind a proxy that is not trusted', () => {
  it('a ban of the address a client claims does not apply: the header is not believed, the client is the proxy', async () => {
    const { proxy } = await realtimeBehindProxy('');
    await h.database.db.insert(visitorBans).values({ workspaceId: ws.workspaceId, ip: '203.0.113.77', reason: 'spam' });
    const visitor = await handshake(visitorVia(proxy, '203.0.113.77'));
    expect(visitor.ok).toBe(true);
    if (visitor.ok) expect(await deviceIp(visitor.visitorId)).toBe('127.0.0.1');
  });

  it('all clients share the proxy address for the handshake limit, and readiness (realtime and web) says to set TRUSTED_PROXIES', async () => {
    const { node, proxy } = await realtimeBehindProxy('');
    const results: boolean[] = [];
    for (let i = 1; i <= 8 && !results.includes(false); i++) results.push((await handshake(visitorVia(proxy, `203.0.113.${100 + i}`))).ok);
    // Distinct clients, yet refused within the per-address budget of 5 (one handshake may predate this test).
    expect(results.at(-1)).toBe(false);
    expect(results.length).toBeLessThanOrEqual(5);
    expect((await handshake(visitorVia(proxy, '203.0.113.200'))).ok).toBe(false);

    let ready: { ok: boolean; warnings: { code: string; address: string; forwardingIgnored: boolean; message: string }[] } | undefined;
    for (let i = 0; i < 50 && !ready?.warnings.length; i++) {
      ready = (await (await fetch(`http://127.0.0.1:${node.port}/health/ready`)).json()) as typeof ready;
      if (!ready?.warnings.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready?.ok).toBe(true);
    expect(ready?.warnings[0]).toMatchObject({ code: 'untrusted_proxy', address: '127.0.0.1', forwardingIgnored: true, message: expect.stringContaining('TRUSTED_PROXIES=127.0.0.1') });
    const web = await healthRoute.GET();
    expect(web.status).toBe(200);
    expect(((await web.json()) as { warnings: { address: string }[] }).warnings[0].address).toBe('127.0.0.1');
  });
});
