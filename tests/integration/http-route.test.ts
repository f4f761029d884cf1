import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AccountsService, type SessionUser } from '../../src/domain/accounts/service';
import { AppError } from '../../src/lib/errors';
import { cleanupRedisPrefix, createTestDatabase, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../helpers/db';

/**
 * The one HTTP boundary (issue 20 item 3): `route({ auth, params, query, body }, handler)` on real
 * PostgreSQL and Redis. Authentication, roles, API-token scopes, parsing (400 with field errors, NUL refused),
 * product errors by code, unknown errors → 500 logged once, envelope and problem+json formats.
 */
let tdb: TestDatabase;
let prefix: string;
let auth: typeof import('../../src/lib/auth');
let http: typeof import('../../src/server/http/route');
let logger: typeof import('../../src/lib/logger').logger;
const users = {} as Record<'admin' | 'agent', SessionUser>;
const holder = globalThis as unknown as { __livechatServices?: { db: { $client: { end(): Promise<void> } }; redis: { quit(): Promise<unknown> } } };

beforeAll(async () => {
  tdb = await createTestDatabase();
  prefix = uniqueRedisPrefix();
  Object.assign(process.env, { DATABASE_URL: tdb.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
  process.env.AUTH_SECRET ??= 'x'.repeat(40);
  holder.__livechatServices = undefined;
  auth = await import('../../src/lib/auth');
  http = await import('../../src/server/http/route');
  logger = (await import('../../src/lib/logger')).logger;
  const accounts = new AccountsService(tdb.db);
  const a = await accounts.signUp({ workspaceName: 'Alpha', name: 'Alma Admin', email: 'admin@alpha.test', password: 'Correct-Horse-Battery-9' });
  users.admin = a.user;
  const agent = await accounts.createAgent(a.workspaceId, { name: 'Al', email: 'al@alpha.test', password: 'Correct-Horse-Battery-9', role: 'agent' });
  users.agent = { id: agent.id, workspaceId: a.workspaceId, email: agent.email, name: agent.name, role: 'agent' };
});

afterEach(() => {
  auth.setSessionResolver(null);
  http.setTokenAuthenticator(null);
  vi.restoreAllMocks();
});

afterAll(async () => {
  const s = holder.__livechatServices;
  if (s) {
    await cleanupRedisPrefix(s.redis as never, prefix).catch(() => {});
    await s.redis.quit().catch(() => {});
    await s.db.$client.end().catch(() => {});
    holder.__livechatServices = undefined;
  }
  await tdb?.drop();
});

async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, init: { path?: string; method?: string; body?: string; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const req = new Request(`http://localhost${init.path ?? '/x'}`, { method: init.method ?? (init.body ? 'POST' : 'GET'), body: init.body, headers: init.headers });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, any> };
}

describe('route()', () => {
  const echo = () =>
    http.route(
      {
        auth: { roles: ['admin'] },
        params: z.object({ id: z.uuid() }),
        query: z.object({ from: z.iso.date().optional(), tag: z.array(z.string()).or(z.string()).optional() }),
        body: z.object({ name: z.string().min(1), count: z.number().int().max(100) }),
      },
      async ({ params, query, body, principal }) => ({ id: params.id, from: query.from ?? null, tag: query.tag ?? null, name: body.name, count: body.count, who: principal?.kind }),
    );
  const id = '7b0f7f39-6a3e-4c55-9d5b-1f0c2a7e9d01';

  it('answers 401 unsigned, 403 for a role outside the list, and hands typed input to the handler', async () => {
    auth.setSessionResolver(async () => null);
    expect((await call(echo(), { body: '{}', params: { id } })).status).toBe(401);
    auth.setSessionResolver(async () => users.agent);
    expect(await call(echo(), { body: '{}', params: { id } })).toMatchObject({ status: 403, json: { ok: false, error: { code: 'forbidden' } } });
    auth.setSessionResolver(async () => users.admin);
    const ok = await call(echo(), { path: '/x?from=2026-02-28&tag=a&tag=b&empty=', body: JSON.stringify({ name: 'n', count: 3 }), params: { id } });
    expect(ok).toMatchObject({ status: 200, json: { ok: true, id, from: '2026-02-28', tag: ['a', 'b'], name: 'n', count: 3, who: 'user' } });
  });

  it('refuses bad input with 400 and field errors, an impossible date too, NUL characters before the database, and a bad path id as 404', async () => {
    auth.setSessionResolver(async () => users.admin);
    const bad = await call(echo(), { body: JSON.stringify({ name: '', count: 1e9 }), params: { id } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['count', 'name']);
    expect((await call(echo(), { path: '/x?from=2026-02-30', body: JSON.stringify({ name: 'n', count: 1 }), params: { id } })).json.error.details[0].path).toBe('from');
    const nul = await call(echo(), { body: JSON.stringify({ name: 'a\u0000b', count: 1 }), params: { id } });
    expect(nul).toMatchObject({ status: 400, json: { error: { code: 'bad_request', details: [{ path: 'name' }] } } });
    expect((await call(echo(), { path: '/x?tag=%00', body: JSON.stringify({ name: 'n', count: 1 }), params: { id } })).status).toBe(400);
    expect((await call(echo(), { body: 'not json', params: { id } })).status).toBe(400);
    expect((await call(echo(), { body: JSON.stringify({ name: 'n', count: 1 }), params: { id: 'nope' } })).status).toBe(404);
  });

  it('maps product errors by code, and an unknown error to 500, logged once and not leaked', async () => {
    auth.setSessionResolver(async () => users.admin);
    const conflict = http.route({ auth: { roles: ['admin'] } }, async () => {
      throw new AppError('conflict', 'Already there');
    });
    expect(await call(conflict)).toMatchObject({ status: 409, json: { ok: false, error: { code: 'conflict', message: 'Already there' } } });
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined as never);
    const broken = http.route({ auth: { roles: ['admin'] } }, async () => {
      throw new Error('secret detail');
    });
    const res = await call(broken);
    expect(res).toMatchObject({ status: 500, json: { ok: false, error: { code: 'internal', message: 'Internal error' } } });
    expect(JSON.stringify(res.json)).not.toContain('secret detail');
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(1));
  });

  it('serves API tokens with scopes and answers problem+json in the public API format', async () => {
    const listing = http.route({ auth: { scopes: ['conversations:read'] }, format: 'problem', query: z.object({ limit: z.coerce.number().int().max(100).default(20) }) }, async ({ principal, query }) => ({ data: [], workspace: principal?.workspaceId, limit: query.limit }));
    expect(await call(listing, { headers: { authorization: 'Bearer lc_live_unknown' } })).toMatchObject({ status: 401, type: 'application/problem+json', json: { status: 401, code: 'unauthorized' } });
    http.setTokenAuthenticator(async (req) => (req.headers.get('authorization') === 'Bearer good' ? { kind: 'token', workspaceId: users.admin.workspaceId, tokenId: 't1', scopes: ['reports:read'] } : null));
    expect(await call(listing, { headers: { authorization: 'Bearer good' } })).toMatchObject({ status: 403, json: { code: 'forbidden' } });
    http.setTokenAuthenticator(async () => ({ kind: 'token', workspaceId: users.admin.workspaceId, tokenId: 't1', scopes: ['conversations:read'] }));
    expect(await call(listing, { headers: { authorization: 'Bearer good' } })).toMatchObject({ status: 200, json: { data: [], workspace: users.admin.workspaceId, limit: 20 } });
    const tooMany = await call(listing, { path: '/x?limit=1000', headers: { authorization: 'Bearer good' } });
    expect(tooMany).toMatchObject({ status: 400, type: 'application/problem+json', json: { code: 'bad_request', errors: [{ path: 'limit' }] } });
    // A token route without roles refuses a session-only caller with 401, never the session's rights.
    auth.setSessionResolver(async () => users.admin);
    expect((await call(listing)).status).toBe(401);
  });
});
