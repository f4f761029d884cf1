import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/accounts/service';
import { revokeVisitorTokens } from '../../src/domain/security/sessions';
import { verifyVisitorToken } from '../../src/lib/tokens';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, TEST_AUTH_SECRET, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/** Visitor tokens (sliding, workspace-bound, revocable) and the password policy on every public path. */
const h = new ChatHarness();
let node: RealtimeServer;
let ws: TestWorkspace;
let auth: typeof import('../../src/lib/auth');
let signupRoute: typeof import('../../src/app/api/signup/route');
let agentsRoute: typeof import('../../src/app/api/admin/agents/route');
let agentRoute: typeof import('../../src/app/api/admin/agents/[id]/route');

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  ws = await h.createWorkspace(1);
  auth = await startWebServices(h, { RL_SIGNUP_PER_IP_PER_HOUR: '1000' });
  signupRoute = await import('../../src/app/api/signup/route');
  agentsRoute = await import('../../src/app/api/admin/agents/route');
  agentRoute = await import('../../src/app/api/admin/agents/[id]/route');
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

function handshake(widgetKey: string, token?: string): Promise<{ ok: true; token: string; visitorId: string } | { ok: false; message: string }> {
  const socket = h.raw(node, '/visitor', { widgetKey, token });
  return new Promise((resolve) => {
    socket.once('session', (s: { token: string; visitorId: string }) => resolve({ ok: true, token: s.token, visitorId: s.visitorId }));
    socket.once('connect_error', (err: Error) => resolve({ ok: false, message: err.message }));
  });
}

describe('visitor tokens', () => {
  it('are handed back while recent, re-issued once older than the renewal age (sliding), and bound to the workspace', async () => {
    const first = await handshake(ws.widgetKey);
    if (!first.ok) throw new Error(first.message);
    const again = await handshake(ws.widgetKey, first.token);
    // Issued moments ago: the same token (no signature per reconnect); tests/unit/visitor-token.test.ts covers renewal.
    expect(again).toMatchObject({ ok: true, visitorId: first.visitorId, token: first.token });
    const claims = await verifyVisitorToken(TEST_AUTH_SECRET, (again as { token: string }).token);
    expect(claims).toMatchObject({ vid: first.visitorId, wid: ws.workspaceId, tv: 0 });
    // Another workspace's widget does not accept the token as its visitor.
    const other = await h.createWorkspace(0);
    const elsewhere = await handshake(other.widgetKey, first.token);
    expect(elsewhere.ok && elsewhere.visitorId).not.toBe(first.visitorId);
  });

  it('stop working once revoked (every copy of them)', async () => {
    const first = await handshake(ws.widgetKey);
    if (!first.ok) throw new Error(first.message);
    const second = await handshake(ws.widgetKey, first.token);
    if (!second.ok) throw new Error(second.message);
    expect(await revokeVisitorTokens(h.database.db, ws.workspaceId, first.visitorId)).toBe(true);
    // Nodes answer handshakes from a cache that the revocation's commit invalidates over LISTEN/NOTIFY
    // (domain/security/visitor-gate.ts): refused as soon as the notification lands, within moments.
    for (const token of [first.token, second.token]) {
      await expect.poll(() => handshake(ws.widgetKey, token), { timeout: 5_000, interval: 50 }).toEqual({ ok: false, message: 'unauthorized: visitor token revoked' });
    }
    expect(await revokeVisitorTokens(h.database.db, (await h.createWorkspace(0)).workspaceId, first.visitorId)).toBe(false);
  });
});

describe('password policy', () => {
  const weak = ['password', '12345678', '        ', 'password123', 'qwertyuiop', 'aaaaaaaaaaaa'];
  type Ctx = { params: Promise<Record<string, string>> };
  const call = async (handler: unknown, method: string, body: unknown, params: Record<string, string> = {}) => {
    const res = await (handler as (r: Request, c: Ctx) => Promise<Response>)(
      new Request('http://localhost/api/x', { method, headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.44' }, body: JSON.stringify(body) }),
      { params: Promise.resolve(params) },
    );
    return { status: res.status, json: (await res.json()) as { error?: { code: string; details?: { path: string; message: string }[] } } };
  };
  const passwordIssue = (json: { error?: { details?: { path: string; message: string }[] } }) => json.error?.details?.find((d) => d.path === 'password')?.message;

  it('refuses short and guessable passwords on sign-up, agent creation and password change, with the reason', async () => {
    const admin: SessionUser = { id: ws.adminId, workspaceId: ws.workspaceId, email: 'a@test.dev', name: 'Admin', role: 'admin' };
    auth.setSessionResolver(async () => admin);
    for (const password of weak) {
      const signup = await call(signupRoute.POST, 'POST', { workspaceName: 'Weak Co', name: 'W', email: `w${Math.random()}@test.dev`.replace('0.', ''), password });
      expect(signup.status, password).toBe(400);
      expect(passwordIssue(signup.json), password).toMatch(/at least 10 characters|too easy to guess/);
      const created = await call(agentsRoute.POST, 'POST', { name: 'W', email: 'weak@test.dev', password });
      expect(created.status, password).toBe(400);
      expect(passwordIssue(created.json)).toBeDefined();
      const changed = await call(agentRoute.PATCH, 'PATCH', { password }, { id: ws.agents[0].id });
      expect(changed.status, password).toBe(400);
    }
    expect((await call(agentsRoute.POST, 'POST', { name: 'S', email: 'strong@test.dev', password: TEST_PASSWORD })).status).toBe(201);
  });
});
