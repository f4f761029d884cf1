import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';
import { OPERATIONS } from '../../src/app/api/v1/_lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, settingsAudit } from '../../src/db/schema';
import { API_SCOPES, type ApiScope } from '../../src/domain/apitokens/scopes';
import { ApiTokenService } from '../../src/domain/apitokens/service';
import { isWellFormedToken, TOKEN_REGEX } from '../../src/domain/apitokens/format';
import { RateLimits } from '../../src/lib/rate-limits';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, request, nextEvent, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * The public API (issue 24, F16) end to end through its route handlers, on real PostgreSQL and Redis:
 * tokens created through the console API, every /api/v1 endpoint with and without its scope, another
 * workspace's ids, revocation and expiry across two "nodes", keyset paging under concurrent inserts,
 * Idempotency-Key, problem+json, rate-limit headers, and a real chat driven through the API.
 */
const h = new ChatHarness();
let node: RealtimeServer;
let A: TestWorkspace;
let B: TestWorkspace;
let auth: Awaited<ReturnType<typeof startWebServices>>;
let services: typeof import('../../src/server/web').services;
const r = {} as {
  tokens: typeof import('../../src/app/api/admin/api-tokens/route');
  token: typeof import('../../src/app/api/admin/api-tokens/[id]/route');
  conversations: typeof import('../../src/app/api/v1/conversations/route');
  conversation: typeof import('../../src/app/api/v1/conversations/[id]/route');
  messages: typeof import('../../src/app/api/v1/conversations/[id]/messages/route');
  end: typeof import('../../src/app/api/v1/conversations/[id]/end/route');
  transfer: typeof import('../../src/app/api/v1/conversations/[id]/transfer/route');
  tags: typeof import('../../src/app/api/v1/conversations/[id]/tags/route');
  customers: typeof import('../../src/app/api/v1/customers/route');
  customer: typeof import('../../src/app/api/v1/customers/[id]/route');
  agents: typeof import('../../src/app/api/v1/agents/route');
  reportSummary: typeof import('../../src/app/api/v1/reports/summary/route');
  reportSeries: typeof import('../../src/app/api/v1/reports/series/route');
  reportAgents: typeof import('../../src/app/api/v1/reports/agents/route');
  endpoints: typeof import('../../src/app/api/v1/webhooks/endpoints/route');
  endpoint: typeof import('../../src/app/api/v1/webhooks/endpoints/[id]/route');
  rotate: typeof import('../../src/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route');
  deliveries: typeof import('../../src/app/api/v1/webhooks/endpoints/[id]/deliveries/route');
};

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Res {
  status: number;
  headers: Headers;
  json: any;
}

async function call(handler: unknown, method: string, path: string, o: { token?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers };
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await (handler as Handler)(new Request(`http://localhost/api/v1${path}`, { method, headers, body }), { params: Promise.resolve(o.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

async function createToken(ws: TestWorkspace, scopes: readonly ApiScope[], extra: { expiresAt?: string } = {}): Promise<{ token: string; id: string }> {
  auth.setSessionResolver(async () => ({ id: ws.adminId, workspaceId: ws.workspaceId, email: 'admin@test.dev', name: 'Admin', role: 'admin' }));
  const res = await call(r.tokens.POST, 'POST', '/admin/api-tokens', { body: { name: `t ${scopes.join(' ')}`.slice(0, 80), scopes, ...extra } });
  auth.setSessionResolver(null);
  expect(res.status).toBe(200);
  return { token: res.json.token, id: res.json.item.id };
}

async function seedConversations(workspaceId: string, n: number, opts: { status?: string; now?: boolean } = {}): Promise<string[]> {
  const { rows } = await h.database.db.execute<{ id: string }>(sql`
    with v as (insert into visitors (workspace_id, name) select ${workspaceId}, 'Visitor ' || g from generate_series(1, ${n}) g returning id)
    insert into conversations (workspace_id, visitor_id, status, created_at)
    select ${workspaceId}, v.id, ${opts.status ?? 'ended'}::conversation_status, now() - (random() * interval '30 days') * ${opts.now ? 0 : 1} from v
    returning id`);
  return rows.map((x) => x.id);
}

let full: string;
const tokenOf = {} as Record<ApiScope, string>;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  A = await h.createWorkspace(2);
  B = await h.createWorkspace(1);
  auth = await startWebServices(h, { RL_API_TOKEN_PER_MINUTE: '100000', RL_API_WORKSPACE_PER_MINUTE: '100000', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  services = (await import('../../src/server/web')).services;
  r.tokens = await import('../../src/app/api/admin/api-tokens/route');
  r.token = await import('../../src/app/api/admin/api-tokens/[id]/route');
  r.conversations = await import('../../src/app/api/v1/conversations/route');
  r.conversation = await import('../../src/app/api/v1/conversations/[id]/route');
  r.messages = await import('../../src/app/api/v1/conversations/[id]/messages/route');
  r.end = await import('../../src/app/api/v1/conversations/[id]/end/route');
  r.transfer = await import('../../src/app/api/v1/conversations/[id]/transfer/route');
  r.tags = await import('../../src/app/api/v1/conversations/[id]/tags/route');
  r.customers = await import('../../src/app/api/v1/customers/route');
  r.customer = await import('../../src/app/api/v1/customers/[id]/route');
  r.agents = await import('../../src/app/api/v1/agents/route');
  r.reportSummary = await import('../../src/app/api/v1/reports/summary/route');
  r.reportSeries = await import('../../src/app/api/v1/reports/series/route');
  r.reportAgents = await import('../../src/app/api/v1/reports/agents/route');
  r.endpoints = await import('../../src/app/api/v1/webhooks/endpoints/route');
  r.endpoint = await import('../../src/app/api/v1/webhooks/endpoints/[id]/route');
  r.rotate = await import('../../src/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route');
  r.deliveries = await import('../../src/app/api/v1/webhooks/endpoints/[id]/deliveries/route');
  full = (await createToken(A, API_SCOPES)).token;
  for (const scope of API_SCOPES) tokenOf[scope] = (await createToken(A, [scope])).token;
}, 60_000);

afterAll(async () => {
  services?.().chat.dispose();
  await stopWebServices();
  await h.teardown();
});

describe('API tokens', () => {
  it('are shown once in the lc_live_ format with a checksum, stored as a hash, listed without the secret, audit-logged', async () => {
    const { token, id } = await createToken(A, ['conversations:read']);
    expect(token).toMatch(TOKEN_REGEX);
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toBe(false);
    const [row] = await h.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    auth.setSessionResolver(async () => ({ id: A.adminId, workspaceId: A.workspaceId, email: 'a@test.dev', name: 'Admin', role: 'admin' }));
    const list = await call(r.tokens.GET, 'GET', '/admin/api-tokens');
    expect(JSON.stringify(list.json)).not.toContain(token);
    expect(list.json.items.find((t: { id: string }) => t.id === id)).toMatchObject({ displayPrefix: token.slice(0, 12), scopes: ['conversations:read'], state: 'active', lastUsedAt: null });
    // Bad input is refused with field errors; an agent may not create tokens.
    expect((await call(r.tokens.POST, 'POST', '/admin/api-tokens', { body: { name: '', scopes: ['everything'] } })).json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'scopes.0']);
    auth.setSessionResolver(async () => ({ id: A.agents[0].id, workspaceId: A.workspaceId, email: 'x@test.dev', name: 'Agent 1', role: 'agent' }));
    expect((await call(r.tokens.POST, 'POST', '/admin/api-tokens', { body: { name: 'n', scopes: ['agents:read'] } })).status).toBe(403);
    auth.setSessionResolver(null);
    // Using it records the time and the address.
    expect((await call(r.conversations.GET, 'GET', '/conversations', { token, headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
    const [used] = await h.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedIp).toBe('203.0.113.9');
    const audit = await h.database.db.select().from(settingsAudit).where(eq(settingsAudit.workspaceId, A.workspaceId));
    expect(audit.some((a) => a.section === 'api_tokens' && (a.after as { event: string }).event === 'created')).toBe(true);
  });

  it('a revoked token is refused within 1 s on every node; an expired one too', async () => {
    const { token, id } = await createToken(A, ['agents:read']);
    // A second web node: its own token cache, warmed up.
    const otherNode = new ApiTokenService(h.database.db);
    expect(await otherNode.authenticate(token, null)).toMatchObject({ tokenId: id });
    expect((await call(r.agents.GET, 'GET', '/agents', { token })).status).toBe(200);
    auth.setSessionResolver(async () => ({ id: A.adminId, workspaceId: A.workspaceId, email: 'a@test.dev', name: 'Admin', role: 'admin' }));
    const revokedAt = Date.now();
    expect((await call(r.token.DELETE, 'DELETE', `/admin/api-tokens/${id}`, { params: { id } })).json.item.state).toBe('revoked');
    auth.setSessionResolver(null);
    await expect.poll(async () => (await call(r.agents.GET, 'GET', '/agents', { token })).status, { timeout: 1000, interval: 50 }).toBe(401);
    await expect.poll(() => otherNode.authenticate(token, null), { timeout: 1000, interval: 50 }).toBeNull();
    expect(Date.now() - revokedAt).toBeLessThan(1100);
    const audit = await h.database.db.select().from(settingsAudit).where(eq(settingsAudit.workspaceId, A.workspaceId));
    expect(audit.some((a) => (a.after as { event: string }).event === 'revoked')).toBe(true);

    const soon = await createToken(A, ['agents:read'], { expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await call(r.agents.GET, 'GET', '/agents', { token: soon.token })).status).toBe(200);
    await expect.poll(async () => (await call(r.agents.GET, 'GET', '/agents', { token: soon.token })).json, { timeout: 3000, interval: 100 }).toMatchObject({ status: 401, code: 'unauthorized' });
    // Malformed and unknown tokens: 401 problem+json.
    const bad = await call(r.agents.GET, 'GET', '/agents', { token: 'lc_live_nope' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('/api/v1 scopes and tenancy', () => {
  it('every endpoint: refused without a token, with a token lacking its scope (403), served with it', async () => {
    const [conversationId] = await seedConversations(A.workspaceId, 1);
    const customer = await call(r.customers.POST, 'POST', '/customers', { token: full, body: { partnerId: 'scope-check', name: 'Scope' } });
    expect(customer.status).toBe(201);
    const endpointId = '00000000-0000-4000-8000-000000000000';
    const cases: { name: string; handler: unknown; method: string; scope: ApiScope; params?: Record<string, string>; body?: unknown; ok: number[] }[] = [
      { name: 'list conversations', handler: r.conversations.GET, method: 'GET', scope: 'conversations:read', ok: [200] },
      { name: 'get conversation', handler: r.conversation.GET, method: 'GET', scope: 'conversations:read', params: { id: conversationId }, ok: [200] },
      { name: 'list messages', handler: r.messages.GET, method: 'GET', scope: 'conversations:read', params: { id: conversationId }, ok: [200] },
      { name: 'send message', handler: r.messages.POST, method: 'POST', scope: 'conversations:write', params: { id: conversationId }, body: { body: 'hi', botName: 'Bot' }, ok: [409] },
      { name: 'end', handler: r.end.POST, method: 'POST', scope: 'conversations:write', params: { id: conversationId }, ok: [200] },
      { name: 'transfer', handler: r.transfer.POST, method: 'POST', scope: 'conversations:write', params: { id: conversationId }, body: { to: { type: 'agent', id: A.agents[0].id } }, ok: [409] },
      { name: 'tags', handler: r.tags.PUT, method: 'PUT', scope: 'conversations:write', params: { id: conversationId }, body: { tags: [] }, ok: [200] },
      { name: 'list customers', handler: r.customers.GET, method: 'GET', scope: 'customers:read', ok: [200] },
      { name: 'get customer', handler: r.customer.GET, method: 'GET', scope: 'customers:read', params: { id: customer.json.id }, ok: [200] },
      { name: 'upsert customer', handler: r.customers.POST, method: 'POST', scope: 'customers:write', body: { partnerId: 'scope-check' }, ok: [200] },
      { name: 'list agents', handler: r.agents.GET, method: 'GET', scope: 'agents:read', ok: [200] },
      // No range given: the scope is checked first, then the query (400 names the missing dates).
      { name: 'report summary', handler: r.reportSummary.GET, method: 'GET', scope: 'reports:read', ok: [400] },
      { name: 'report series', handler: r.reportSeries.GET, method: 'GET', scope: 'reports:read', ok: [400] },
      { name: 'report agents', handler: r.reportAgents.GET, method: 'GET', scope: 'reports:read', ok: [400] },
      { name: 'list endpoints', handler: r.endpoints.GET, method: 'GET', scope: 'webhooks:manage', ok: [200] },
      { name: 'create endpoint', handler: r.endpoints.POST, method: 'POST', scope: 'webhooks:manage', body: { kind: 'push', url: 'https://hooks.example/x' }, ok: [400] },
      { name: 'update endpoint', handler: r.endpoint.PATCH, method: 'PATCH', scope: 'webhooks:manage', params: { id: endpointId }, body: { enabled: false }, ok: [404] },
      { name: 'rotate secret', handler: r.rotate.POST, method: 'POST', scope: 'webhooks:manage', params: { id: endpointId }, ok: [404] },
      { name: 'deliveries', handler: r.deliveries.GET, method: 'GET', scope: 'webhooks:manage', params: { id: endpointId }, ok: [404] },
      { name: 'delete endpoint', handler: r.endpoint.DELETE, method: 'DELETE', scope: 'webhooks:manage', params: { id: endpointId }, ok: [404] },
      { name: 'delete customer', handler: r.customer.DELETE, method: 'DELETE', scope: 'customers:write', params: { id: customer.json.id }, ok: [200] },
    ];
    for (const c of cases) {
      const none = await call(c.handler, c.method, '/x', { params: c.params, body: c.body });
      expect(none.status, `${c.name} without a token`).toBe(401);
      for (const scope of API_SCOPES.filter((s) => s !== c.scope)) {
        const refused = await call(c.handler, c.method, '/x', { token: tokenOf[scope], params: c.params, body: c.body });
        expect(refused.status, `${c.name} with ${scope}`).toBe(403);
        expect(refused.json).toMatchObject({ code: 'forbidden', status: 403 });
      }
      const allowed = await call(c.handler, c.method, '/x', { token: tokenOf[c.scope], params: c.params, body: c.body });
      expect(c.ok, `${c.name} with ${c.scope}: ${JSON.stringify(allowed.json)}`).toContain(allowed.status);
    }
  }, 60_000);

  it("another workspace's ids are 404 and never its data", async () => {
    const [theirs] = await seedConversations(B.workspaceId, 1, { status: 'queued' });
    const theirCustomer = await call(r.customers.POST, 'POST', '/customers', { token: (await createToken(B, ['customers:write'])).token, body: { partnerId: 'b-secret', name: 'Secret B' } });
    const probes = [
      await call(r.conversation.GET, 'GET', '/x', { token: full, params: { id: theirs } }),
      await call(r.messages.GET, 'GET', '/x', { token: full, params: { id: theirs } }),
      await call(r.messages.POST, 'POST', '/x', { token: full, params: { id: theirs }, body: { body: 'hijack', botName: 'Bot' } }),
      await call(r.end.POST, 'POST', '/x', { token: full, params: { id: theirs } }),
      await call(r.tags.PUT, 'PUT', '/x', { token: full, params: { id: theirs }, body: { tags: [] } }),
      await call(r.transfer.POST, 'POST', '/x', { token: full, params: { id: theirs }, body: { to: { type: 'agent', id: B.agents[0].id } } }),
      await call(r.customer.GET, 'GET', '/x', { token: full, params: { id: theirCustomer.json.id } }),
      await call(r.customer.DELETE, 'DELETE', '/x', { token: full, params: { id: theirCustomer.json.id } }),
    ];
    for (const p of probes) {
      expect(p.status).toBe(404);
      expect(JSON.stringify(p.json)).not.toContain('Secret B');
    }
    const list = await call(r.conversations.GET, 'GET', '/x', { token: full });
    expect(list.json.data.map((c: { id: string }) => c.id)).not.toContain(theirs);
    expect((await call(r.customers.GET, 'GET', '/x?partner_id=b-secret', { token: full })).json.data).toEqual([]);
    // Their conversation is untouched.
    const [row] = (await h.database.db.execute<{ status: string }>(sql`select status from conversations where id = ${theirs}`)).rows;
    expect(row.status).toBe('queued');
  });
});

describe('/api/v1 behaviour', () => {
  it('pages over 1,000 conversations returning each exactly once while new ones arrive', async () => {
    const ws = await h.createWorkspace(0);
    const token = (await createToken(ws, ['conversations:read'])).token;
    const existing = await seedConversations(ws.workspaceId, 1000);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Res = await call(r.conversations.GET, 'GET', `/conversations?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      seen.push(...res.json.data.map((c: { id: string }) => c.id));
      cursor = res.json.next_cursor;
      expect(res.json.has_more).toBe(cursor !== null);
      // New conversations start while we page.
      await seedConversations(ws.workspaceId, 7, { now: true });
      pages++;
    } while (cursor);
    expect(pages).toBe(10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(existing));
  }, 60_000);

  it('filters by status, agent, tag and updated since', async () => {
    const ws = await h.createWorkspace(1);
    const token = (await createToken(ws, ['conversations:read', 'conversations:write'])).token;
    const [c1, c2] = await seedConversations(ws.workspaceId, 2);
    await h.database.db.execute(sql`update conversations set status = 'active', agent_id = ${ws.agents[0].id}, created_at = now() where id = ${c1}`);
    await h.database.db.execute(sql`update conversations set created_at = now() - interval '90 days' where id = ${c2}`);
    await h.database.db.execute(sql`insert into tags (workspace_id, name, color) values (${ws.workspaceId}, 'Billing', '#f00')`);
    expect((await call(r.tags.PUT, 'PUT', '/x', { token, params: { id: c1 }, body: { tags: ['billing'] } })).json.tags).toEqual(['Billing']);
    expect((await call(r.tags.PUT, 'PUT', '/x', { token, params: { id: c1 }, body: { tags: ['nope'] } })).json).toMatchObject({ status: 400, errors: [{ path: 'tags' }] });
    const ids = async (q: string) => (await call(r.conversations.GET, 'GET', `/conversations?${q}`, { token })).json.data.map((c: { id: string }) => c.id);
    expect(await ids('status=active')).toEqual([c1]);
    expect((await ids('status=active&status=ended')).sort()).toEqual([c1, c2].sort());
    expect(await ids(`agent_id=${ws.agents[0].id}`)).toEqual([c1]);
    expect(await ids('tag=BILLING')).toEqual([c1]);
    expect(await ids(`updated_since=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`)).toEqual([c1]);
  });

  it('answers bad input with problem+json carrying the product code and field errors', async () => {
    const res = await call(r.conversations.GET, 'GET', '/conversations?limit=500&status=sleeping&updated_since=yesterday', { token: full });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: 'about:blank', title: 'bad request', status: 400, code: 'bad_request', instance: '/api/v1/conversations' });
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'status', 'updated_since']);
    expect((await call(r.conversations.GET, 'GET', '/conversations?cursor=garbage', { token: full })).json).toMatchObject({ status: 400, errors: [{ path: 'cursor' }] });
    expect((await call(r.customers.POST, 'POST', '/customers', { token: full, body: 'not json' })).json).toMatchObject({ status: 400, code: 'bad_request' });
    expect((await call(r.conversation.GET, 'GET', '/x', { token: full, params: { id: 'not-a-uuid' } })).json).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('a retiring route carries Deprecation, Sunset and Link headers (the documented helper)', async () => {
    const { route } = await import('../../src/server/http/route');
    const since = new Date('2026-12-01T00:00:00Z');
    const sunset = new Date('2027-12-01T00:00:00Z');
    const old = route({ auth: 'public', format: 'problem', deprecation: { since, sunset, link: 'https://docs.example/api#v2' } }, async () => ({ ok: 1 }));
    const res = await call(old, 'GET', '/old');
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toBe(`@${since.getTime() / 1000}`);
    expect(res.headers.get('sunset')).toBe('Wed, 01 Dec 2027 00:00:00 GMT');
    expect(res.headers.get('link')).toBe('<https://docs.example/api#v2>; rel="deprecation"; type="text/html"');
  });

  it('honours Idempotency-Key on creating POSTs: the stored answer is replayed, another body is refused', async () => {
    const key = `k-${Date.now()}`;
    const first = await call(r.customers.POST, 'POST', '/customers', { token: full, body: { partnerId: 'idem-1', name: 'Ida' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const again = await call(r.customers.POST, 'POST', '/customers', { token: full, body: { partnerId: 'idem-1', name: 'Ida' }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const other = await call(r.customers.POST, 'POST', '/customers', { token: full, body: { partnerId: 'idem-2' }, headers: { 'idempotency-key': key } });
    expect(other).toMatchObject({ status: 409, json: { code: 'conflict' } });
    // Without a key the upsert updates (200).
    expect((await call(r.customers.POST, 'POST', '/customers', { token: full, body: { partnerId: 'idem-1', email: 'ida@example.com' } })).json).toMatchObject({ name: 'Ida', email: 'ida@example.com' });
  });

  it('sends RateLimit headers, and 429 with Retry-After past the per-token limit', async () => {
    const ok = await call(r.agents.GET, 'GET', '/agents', { token: full });
    expect(ok.headers.get('ratelimit-limit')).toBe('100000');
    expect(Number(ok.headers.get('ratelimit-remaining'))).toBeLessThan(100000);
    expect(Number(ok.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const s = services();
    const saved = s.limits;
    s.limits = new RateLimits(s.redis, `${h.prefix}:rl-test`, { ...saved.config, apiTokenPerMinute: 2 });
    try {
      const token = (await createToken(A, ['agents:read'])).token;
      expect((await call(r.agents.GET, 'GET', '/agents', { token })).headers.get('ratelimit-remaining')).toBe('1');
      expect((await call(r.agents.GET, 'GET', '/agents', { token })).status).toBe(200);
      const refused = await call(r.agents.GET, 'GET', '/agents', { token });
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    } finally {
      s.limits = saved;
    }
  });

  it('drives a real chat: send as an agent and as a bot (the visitor sees both), transfer, end; agents with presence', async () => {
    const agent1 = await h.staff(node, A.workspaceId, A.agents[0].id);
    const agent2 = await h.staff(node, A.workspaceId, A.agents[1].id);
    await request(agent1, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(node, A.widgetKey);
    const started = await request(visitor, 'chat.start', { channel: 'desktop', entryUrl: 'https://shop.example/' });
    const id: string = started.conversation.id;
    const assignedTo: string = started.conversation.agentId;
    expect(assignedTo).toBe(A.agents[0].id);
    await request(agent2, 'status.set', { status: 'online' });

    const agents = await call(r.agents.GET, 'GET', '/agents', { token: tokenOf['agents:read'] });
    expect(agents.json.data.find((a: { id: string }) => a.id === A.agents[0].id)).toMatchObject({ status: 'online', load: 1 });

    const fromAgent = nextEvent<{ body: string; senderName: string }>(visitor, 'message');
    const sent = await call(r.messages.POST, 'POST', '/x', { token: tokenOf['conversations:write'], params: { id }, body: { body: 'Hello from the API', agentId: A.agents[0].id } });
    expect(sent).toMatchObject({ status: 201, json: { body: 'Hello from the API', senderType: 'agent', senderName: 'Agent 1' } });
    expect(await fromAgent).toMatchObject({ body: 'Hello from the API', senderName: 'Agent 1' });
    const fromBot = nextEvent<{ body: string; senderName: string }>(visitor, 'message');
    expect((await call(r.messages.POST, 'POST', '/x', { token: full, params: { id }, body: { body: 'Beep', botName: 'Helper Bot' } })).status).toBe(201);
    expect(await fromBot).toMatchObject({ body: 'Beep', senderName: 'Helper Bot' });
    expect((await call(r.messages.POST, 'POST', '/x', { token: full, params: { id }, body: { body: 'x' } })).json).toMatchObject({ status: 400, errors: [{ path: 'agentId' }] });

    const page1 = await call(r.messages.GET, 'GET', '/x?limit=1', { token: full, params: { id } });
    expect(page1.json).toMatchObject({ has_more: true });
    const page2 = await call(r.messages.GET, 'GET', `/x?limit=100&cursor=${page1.json.next_cursor}`, { token: full, params: { id } });
    expect(page2.json.data.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['Hello from the API', 'Beep']));
    expect(page2.json.data[0].seq).toBe(page1.json.data[0].seq + 1);

    const transferred = await call(r.transfer.POST, 'POST', '/x', { token: full, params: { id }, body: { to: { type: 'agent', id: A.agents[1].id } } });
    expect(transferred).toMatchObject({ status: 200, json: { agentId: A.agents[1].id, status: 'active' } });
    const ended = await call(r.end.POST, 'POST', '/x', { token: full, params: { id } });
    expect(ended).toMatchObject({ status: 200, json: { status: 'ended', endedBy: 'system' } });
    expect((await call(r.end.POST, 'POST', '/x', { token: full, params: { id } })).json.status).toBe('ended');
    expect((await call(r.messages.POST, 'POST', '/x', { token: full, params: { id }, body: { body: 'late', botName: 'Bot' } })).json).toMatchObject({ status: 409, code: 'invalid_state' });
  }, 30_000);

  it('deletes a customer with their conversations and messages', async () => {
    const created = await call(r.customers.POST, 'POST', '/customers', { token: full, body: { partnerId: 'gone-1', name: 'Gone', params: { plan: 'pro' } } });
    const [conversationId] = await seedConversations(A.workspaceId, 1);
    await h.database.db.execute(sql`update conversations set customer_id = ${created.json.id} where id = ${conversationId}`);
    const del = await call(r.customer.DELETE, 'DELETE', '/x', { token: full, params: { id: created.json.id } });
    expect(del.json).toEqual({ id: created.json.id, deleted: true, conversationsDeleted: 1 });
    expect((await call(r.customer.GET, 'GET', '/x', { token: full, params: { id: created.json.id } })).status).toBe(404);
    expect((await call(r.conversation.GET, 'GET', '/x', { token: full, params: { id: conversationId } })).status).toBe(404);
  });
});

describe('/api/v1 under random input', () => {
  it('never answers 500 to random bodies, queries and ids (fast-check, field names from the zod schemas)', async () => {
    const handlers: Record<string, unknown> = {
      'get /conversations': r.conversations.GET, 'get /conversations/{id}': r.conversation.GET, 'get /conversations/{id}/messages': r.messages.GET,
      'post /conversations/{id}/messages': r.messages.POST, 'post /conversations/{id}/end': r.end.POST, 'post /conversations/{id}/transfer': r.transfer.POST,
      'put /conversations/{id}/tags': r.tags.PUT, 'get /customers': r.customers.GET, 'post /customers': r.customers.POST, 'get /customers/{id}': r.customer.GET,
      'delete /customers/{id}': r.customer.DELETE, 'get /agents': r.agents.GET, 'get /webhooks/endpoints': r.endpoints.GET, 'post /webhooks/endpoints': r.endpoints.POST,
      'patch /webhooks/endpoints/{id}': r.endpoint.PATCH, 'delete /webhooks/endpoints/{id}': r.endpoint.DELETE,
      'post /webhooks/endpoints/{id}/rotate-secret': r.rotate.POST, 'get /webhooks/endpoints/{id}/deliveries': r.deliveries.GET,
      'get /reports/summary': r.reportSummary.GET, 'get /reports/series': r.reportSeries.GET, 'get /reports/agents': r.reportAgents.GET,
    };
    const [conversationId] = await seedConversations(A.workspaceId, 1, { status: 'queued' });
    const keysOf = (schema: z.ZodType | undefined): string[] => {
      const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } } | undefined);
      return Object.keys(shape?.shape ?? shape?.def?.in?.shape ?? {});
    };
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant('\u0000'), fc.uuid(), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())));
    for (const op of OPERATIONS) {
      const handler = handlers[`${op.method} ${op.path}`];
      expect(handler, `${op.method} ${op.path} has a handler in this test`).toBeDefined();
      const bodyKeys = keysOf(op.body);
      const queryKeys = keysOf(op.query);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.constantFrom(...(bodyKeys.length ? bodyKeys : ['x'])), value, { maxKeys: 5 })),
          fc.dictionary(fc.constantFrom(...(queryKeys.length ? queryKeys : ['x'])), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)), { maxKeys: 4 }),
          fc.oneof(fc.constant(conversationId), fc.uuid(), fc.string({ maxLength: 40 })),
          async (body, query, id) => {
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const res = await call(handler, op.method.toUpperCase(), `${op.path}?${qs}`, { token: full, params: { id }, body: op.method === 'get' ? undefined : JSON.stringify(body) });
            expect(res.status, `${op.method} ${op.path} ${qs} ${JSON.stringify(body)} -> ${JSON.stringify(res.json)}`).toBeLessThan(500);
          },
        ),
        { numRuns: 25 },
      );
    }
  }, 120_000);
});
