import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/domain/accounts/service';
import { AppError as FirstAppError } from '../../src/lib/errors';
import { ChatHarness, TEST_AUTH_SECRET } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 13, defect 3: errors are recognised by their code, not by class identity. Next.js may load
 * lib/errors twice (route chunks); an AppError thrown by one copy must still map to its status in the
 * other. Refused webhook targets always answer 400 with the reason.
 */
const h = new ChatHarness();
let auth: typeof import('../../src/lib/auth');
let webhookRoute: typeof import('../../src/app/api/admin/webhooks/[kind]/route');
let admin: SessionUser;

beforeAll(async () => {
  await h.setup();
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  auth = await startWebServices(h);
  webhookRoute = await import('../../src/app/api/admin/webhooks/[kind]/route');
  const ws = await h.createWorkspace(0);
  admin = { id: ws.adminId, workspaceId: ws.workspaceId, email: 'a@test.dev', name: 'Admin', role: 'admin' };
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

/** A second copy of the modules, as a separately bundled route chunk would have. */
async function secondCopy() {
  vi.resetModules();
  const errors = await import('../../src/lib/errors');
  const address = await import('../../src/domain/webhooks/address');
  return { errors, address };
}

describe('errors by code', () => {
  it('maps an AppError from another module instance to its status and message', async () => {
    const other = await secondCopy();
    const error = new other.errors.AppError('bad_request', 'From the other copy');
    expect(error instanceof FirstAppError).toBe(false); // the situation of the defect
    const res = auth.errorToResponse(error);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'bad_request', message: 'From the other copy' } });
    const limited = auth.errorToResponse(new other.errors.AppError('rate_limited', 'Slow down', undefined, 7));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
  });

  it('a refusal thrown by another copy of the address check is a 400 with the reason', async () => {
    const other = await secondCopy();
    const thrown = await other.address.assertSafeTarget('http://127.0.0.1/hook', false).catch((e: unknown) => e);
    const res = auth.errorToResponse(thrown);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/loopback/);
  });

  it('does not mistake foreign errors that happen to carry a code for app errors', async () => {
    const pgLike = Object.assign(new Error('duplicate key'), { code: '23505' });
    const spoof = { code: 'bad_request', message: 'not branded' };
    for (const e of [pgLike, spoof]) {
      const res = auth.errorToResponse(e);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    }
    // A refused connection is a dependency outage (src/lib/dependencies.ts): 503 "retry", never the code it carried.
    const nodeLike = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const down = auth.errorToResponse(nodeLike);
    expect(down.status).toBe(503);
    expect((await down.json()).error.code).toBe('unavailable');
  });
});

describe('refused webhook targets', () => {
  it('always answer 400 with the reason', async () => {
    auth.setSessionResolver(async () => admin);
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1/', /loopback/],
      ['http://[::1]/', /loopback/],
      ['http://localhost:8080/hook', /loopback/],
      ['http://10.1.2.3/', /private/],
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['http://[::ffff:127.0.0.1]/', /loopback/],
      ['file:///etc/passwd', /http and https/],
      ['ftp://example.com/', /http and https/],
      ['not a url', /full URL/],
    ];
    for (const [url, reason] of cases) {
      const req = new Request('http://localhost/api/admin/webhooks/push', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true, url }) });
      const res = await webhookRoute.PUT(req, { params: Promise.resolve({ kind: 'push' }) });
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, url).toBe(400);
      expect(json.error.code).toBe('bad_request');
      expect(json.error.message, url).toMatch(reason);
    }
  });
});
