import * as OTPAuth from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/accounts/service';
import { ChatHarness, TEST_PASSWORD } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 25 (F15): optional TOTP two-factor sign-in for staff, with single-use recovery codes, through the
 * real next-auth credentials `authorize` and the account routes; an admin can require it for the workspace.
 */
const h = new ChatHarness();
let auth: typeof import('../../src/lib/auth');
let setup: typeof import('../../src/app/api/account/two-factor/setup/route');
let enable: typeof import('../../src/app/api/account/two-factor/enable/route');
let disable: typeof import('../../src/app/api/account/two-factor/disable/route');
let security: typeof import('../../src/app/api/admin/security/route');

beforeAll(async () => {
  await h.setup();
  auth = await startWebServices(h);
  setup = await import('../../src/app/api/account/two-factor/setup/route');
  enable = await import('../../src/app/api/account/two-factor/enable/route');
  disable = await import('../../src/app/api/account/two-factor/disable/route');
  security = await import('../../src/app/api/admin/security/route');
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

type Ctx = { params: Promise<Record<string, string>> };
async function call(handler: unknown, method: string, body?: unknown) {
  const req = new Request('http://localhost/api/x', { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await (handler as (r: Request, c: Ctx) => Promise<Response>)(req, { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}
/** The credentials provider's own authorize (what POST /api/auth/callback/credentials runs). */
async function signIn(email: string, password: string, code?: string): Promise<string> {
  const provider = auth.authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string | undefined>, r: unknown) => Promise<unknown> } };
  try {
    const user = await provider.options.authorize({ email, password, code }, { headers: {} });
    return user ? 'signed-in' : 'refused';
  } catch (error) {
    return (error as Error).message;
  }
}
const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

describe('two-factor sign-in', () => {
  it('set up with an authenticator code; sign-in then asks for a code; codes and recovery codes work once', async () => {
    const ws = await h.createWorkspace(1);
    const agent = ws.agents[0];
    const me: SessionUser = { id: agent.id, workspaceId: ws.workspaceId, email: agent.email, name: agent.name, role: 'agent', sessionVersion: 0 };
    auth.setSessionResolver(async () => me);
    const started = await call(setup.POST, 'POST');
    expect(started.status).toBe(200);
    expect(started.json.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(started.json.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret: string = started.json.secret;
    // Not on until a code proves the app has it.
    expect(await signIn(agent.email, TEST_PASSWORD)).toBe('signed-in');
    expect((await call(enable.POST, 'POST', { code: '000000' })).status).toBe(400);
    const on = await call(enable.POST, 'POST', { code: codeFor(secret) });
    expect(on.status).toBe(200);
    const recovery: string[] = on.json.recoveryCodes;
    expect(recovery).toHaveLength(10);

    expect(await signIn(agent.email, 'wrong-password', codeFor(secret, 1))).toBe('refused');
    expect(await signIn(agent.email, TEST_PASSWORD)).toBe(auth.TWO_FACTOR_REQUIRED);
    expect(await signIn(agent.email, TEST_PASSWORD, '123456')).toBe(auth.TWO_FACTOR_INVALID);
    const next = codeFor(secret, 1);
    expect(await signIn(agent.email, TEST_PASSWORD, next)).toBe('signed-in');
    // The same code is never accepted twice (nor an older one).
    expect(await signIn(agent.email, TEST_PASSWORD, next)).toBe(auth.TWO_FACTOR_INVALID);
    expect(await signIn(agent.email, TEST_PASSWORD, codeFor(secret))).toBe(auth.TWO_FACTOR_INVALID);
    // A recovery code works once.
    expect(await signIn(agent.email, TEST_PASSWORD, recovery[0].toUpperCase())).toBe('signed-in');
    expect(await signIn(agent.email, TEST_PASSWORD, recovery[0])).toBe(auth.TWO_FACTOR_INVALID);
    expect(await signIn(agent.email, TEST_PASSWORD, recovery[1])).toBe('signed-in');

    // Turning it off needs the password.
    expect((await call(disable.POST, 'POST', { password: 'nope' })).status).toBe(400);
    expect((await call(disable.POST, 'POST', { password: TEST_PASSWORD })).status).toBe(200);
    expect(await signIn(agent.email, TEST_PASSWORD)).toBe('signed-in');
  });

  it('an admin can require it for the workspace (after turning it on themselves); members cannot turn it off then', async () => {
    const ws = await h.createWorkspace(1);
    const admin: SessionUser = { id: ws.adminId, workspaceId: ws.workspaceId, email: 'admin@x', name: 'Admin', role: 'admin', sessionVersion: 0 };
    auth.setSessionResolver(async () => admin);
    expect((await call(security.PUT, 'PUT', { requireTwoFactor: true })).status).toBe(409);
    const { secret } = (await call(setup.POST, 'POST')).json;
    await call(enable.POST, 'POST', { code: codeFor(secret) });
    expect((await call(security.PUT, 'PUT', { requireTwoFactor: true })).json).toEqual({ ok: true, requireTwoFactor: true });

    const { twoFactor } = await import('../../src/server/two-factor');
    const agent = ws.agents[0];
    expect(await twoFactor().setupNeeded(ws.workspaceId, agent.id)).toBe(true);
    expect(await twoFactor().setupNeeded(ws.workspaceId, ws.adminId)).toBe(false);
    expect((await call(disable.POST, 'POST', { password: TEST_PASSWORD })).status).toBe(409);
  });
});
