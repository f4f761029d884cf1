import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settings, settingsAudit } from '../../src/db/schema';
import { AccountsService, type SessionUser } from '../../src/domain/accounts/service';
import { cleanupRedisPrefix, createTestDatabase, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../helpers/db';

/**
 * The console's route handlers, called directly as functions with real Request objects against a real
 * database and Redis. The session is injected through the `setSessionResolver` seam of src/lib/auth.ts
 * (production reads the next-auth JWT); getSessionUser still re-reads the user from the database.
 */

let tdb: TestDatabase;
let prefix: string;

// Loaded after the environment points at the test database (env() and services() read it once).
let auth: typeof import('../../src/lib/auth');
let services: typeof import('../../src/server/web').services;
let agentsRoute: typeof import('../../src/app/api/admin/agents/route');
let agentRoute: typeof import('../../src/app/api/admin/agents/[id]/route');
let groupsRoute: typeof import('../../src/app/api/admin/skill-groups/route');
let groupRoute: typeof import('../../src/app/api/admin/skill-groups/[id]/route');
let settingsRoute: typeof import('../../src/app/api/admin/settings/[section]/route');
let auditRoute: typeof import('../../src/app/api/admin/audit/route');
let tokenRoute: typeof import('../../src/app/api/realtime/token/route');
let signupRoute: typeof import('../../src/app/api/signup/route');
let healthRoute: typeof import('../../src/app/api/health/route');
let tokens: typeof import('../../src/lib/tokens');

const users = {} as Record<'adminA' | 'supervisorA' | 'agentA' | 'adminB', SessionUser>;
let groupA: string;

const globalForServices = globalThis as unknown as { __livechatServices?: { db: { $client: { end(): Promise<void> } }; redis: { quit(): Promise<unknown> } } };

function as(user: SessionUser | null) {
  auth.setSessionResolver(async () => user);
}

type Ctx = { params: Promise<Record<string, string>> };
type Handler = (req: Request, ctx: Ctx) => Promise<Response>;

async function call(handler: unknown, method: string, path: string, options: { body?: unknown; raw?: string; params?: Record<string, string> } = {}) {
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = !hasBody ? undefined : (options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined));
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(options.params ?? {}) });
  const json = (await res.json()) as Record<string, any>;
  return { status: res.status, json };
}

async function settingsRow(workspaceId: string, section: string) {
  const [row] = await tdb.db
    .select()
    .from(settings)
    .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, section)));
  return row;
}

async function auditCount(workspaceId: string) {
  return (await tdb.db.select().from(settingsAudit).where(eq(settingsAudit.workspaceId, workspaceId))).length;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  prefix = uniqueRedisPrefix();
  process.env.DATABASE_URL = tdb.url;
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.REDIS_PREFIX = prefix;
  process.env.AUTH_SECRET ??= 'x'.repeat(40);
  globalForServices.__livechatServices = undefined;

  auth = await import('../../src/lib/auth');
  services = (await import('../../src/server/web')).services;
  agentsRoute = await import('../../src/app/api/admin/agents/route');
  agentRoute = await import('../../src/app/api/admin/agents/[id]/route');
  groupsRoute = await import('../../src/app/api/admin/skill-groups/route');
  groupRoute = await import('../../src/app/api/admin/skill-groups/[id]/route');
  settingsRoute = await import('../../src/app/api/admin/settings/[section]/route');
  auditRoute = await import('../../src/app/api/admin/audit/route');
  tokenRoute = await import('../../src/app/api/realtime/token/route');
  signupRoute = await import('../../src/app/api/signup/route');
  healthRoute = await import('../../src/app/api/health/route');
  tokens = await import('../../src/lib/tokens');

  const accounts = new AccountsService(tdb.db);
  const a = await accounts.signUp({ workspaceName: 'Alpha', name: 'Alma Admin', email: 'admin@alpha.test', password: 'Correct-Horse-Battery-9' });
  const b = await accounts.signUp({ workspaceName: 'Beta', name: 'Ben Admin', email: 'admin@beta.test', password: 'Correct-Horse-Battery-9' });
  users.adminA = a.user;
  users.adminB = b.user;
  groupA = (await accounts.createGroup(a.workspaceId, { name: 'Sales' })).id;
  const sup = await accounts.createAgent(a.workspaceId, { name: 'Sue', email: 'sue@alpha.test', password: 'Correct-Horse-Battery-9', role: 'supervisor' });
  const agent = await accounts.createAgent(a.workspaceId, { name: 'Al', email: 'al@alpha.test', password: 'Correct-Horse-Battery-9', role: 'agent', groupIds: [groupA] });
  users.supervisorA = { id: sup.id, workspaceId: a.workspaceId, email: sup.email, name: sup.name, role: 'supervisor' };
  users.agentA = { id: agent.id, workspaceId: a.workspaceId, email: agent.email, name: agent.name, role: 'agent' };
});

afterEach(() => {
  auth?.setSessionResolver(null);
});

afterAll(async () => {
  const s = globalForServices.__livechatServices;
  if (s) {
    await cleanupRedisPrefix(s.redis as never, prefix).catch(() => {});
    await s.redis.quit().catch(() => {});
    await s.db.$client.end().catch(() => {});
    globalForServices.__livechatServices = undefined;
  }
  await tdb?.drop();
});

describe('authentication and roles', () => {
  it('answers 401 with an error body when nobody is signed in', async () => {
    as(null);
    for (const [handler, method, path] of [
      [agentsRoute.GET, 'GET', '/api/admin/agents'],
      [agentsRoute.POST, 'POST', '/api/admin/agents'],
      [settingsRoute.PUT, 'PUT', '/api/admin/settings/mode'],
      [tokenRoute.GET, 'GET', '/api/realtime/token'],
    ] as const) {
      const res = await call(handler, method, path, { body: {}, params: { section: 'mode' } });
      expect(res.status, path).toBe(401);
      expect(res.json).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('gives an agent 403 on every admin handler', async () => {
    as(users.agentA);
    const checks: [unknown, string, string, Record<string, string>?][] = [
      [agentsRoute.GET, 'GET', '/api/admin/agents'],
      [agentsRoute.POST, 'POST', '/api/admin/agents'],
      [agentRoute.GET, 'GET', `/api/admin/agents/${users.agentA.id}`, { id: users.agentA.id }],
      [agentRoute.PATCH, 'PATCH', `/api/admin/agents/${users.agentA.id}`, { id: users.agentA.id }],
      [groupsRoute.GET, 'GET', '/api/admin/skill-groups'],
      [groupsRoute.POST, 'POST', '/api/admin/skill-groups'],
      [groupRoute.PATCH, 'PATCH', `/api/admin/skill-groups/${groupA}`, { id: groupA }],
      [groupRoute.DELETE, 'DELETE', `/api/admin/skill-groups/${groupA}`, { id: groupA }],
      [settingsRoute.GET, 'GET', '/api/admin/settings/mode', { section: 'mode' }],
      [settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', { section: 'mode' }],
      [auditRoute.GET, 'GET', '/api/admin/audit'],
    ];
    for (const [handler, method, path, params] of checks) {
      const res = await call(handler, method, path, { body: { name: 'x', value: { mode: 'always_on' }, role: 'admin' }, params });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    // Nothing changed by the refused calls.
    expect((await settingsRow(users.agentA.workspaceId, 'mode'))).toBeUndefined();
    expect((await services().accounts.getAgent(users.agentA.workspaceId, users.agentA.id))?.role).toBe('agent');
  });

  it('lets a supervisor read but not create agents or change settings', async () => {
    as(users.supervisorA);
    expect((await call(agentsRoute.GET, 'GET', '/api/admin/agents')).status).toBe(200);
    expect((await call(settingsRoute.GET, 'GET', '/api/admin/settings/mode', { params: { section: 'mode' } })).status).toBe(200);

    const create = await call(agentsRoute.POST, 'POST', '/api/admin/agents', {
      body: { name: 'Sneaky', email: 'sneaky@alpha.test', password: 'Correct-Horse-Battery-9', role: 'admin' },
    });
    expect(create.status).toBe(403);
    expect(create.json.error.code).toBe('forbidden');

    const put = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', { body: { value: { mode: 'always_on' } }, params: { section: 'mode' } });
    expect(put.status).toBe(403);
    expect(await settingsRow(users.supervisorA.workspaceId, 'mode')).toBeUndefined();
    expect(await services().accounts.authenticate({ email: 'sneaky@alpha.test', password: 'Correct-Horse-Battery-9' })).toBeNull();
  });

  it('re-checks the database: a deactivated user is signed out at once', async () => {
    const accounts = services().accounts;
    const temp = await accounts.createAgent(users.adminA.workspaceId, { name: 'Temp', email: 'temp@alpha.test', password: 'Correct-Horse-Battery-9' });
    const session: SessionUser = { id: temp.id, workspaceId: users.adminA.workspaceId, email: temp.email, name: temp.name, role: 'agent' };
    as(session);
    expect((await call(tokenRoute.GET, 'GET', '/api/realtime/token')).status).toBe(200);
    await accounts.updateAgent(users.adminA.workspaceId, temp.id, { active: false }, users.adminA.id);
    expect((await call(tokenRoute.GET, 'GET', '/api/realtime/token')).status).toBe(401);
  });

  it('uses the role stored in the database, not the one claimed by the session', async () => {
    as({ ...users.agentA, role: 'admin' });
    expect((await call(agentsRoute.GET, 'GET', '/api/admin/agents')).status).toBe(403);
  });
});

describe('agents and skill groups', () => {
  it('creates, lists and updates agents of the admin’s workspace', async () => {
    as(users.adminA);
    const created = await call(agentsRoute.POST, 'POST', '/api/admin/agents', {
      body: { name: 'Nina', email: 'Nina@Alpha.test', password: 'Correct-Horse-Battery-9', role: 'agent', receptionLimit: 3, groupIds: [groupA] },
    });
    expect(created.status).toBe(201);
    expect(created.json.agent).toMatchObject({ name: 'Nina', email: 'nina@alpha.test', role: 'agent', receptionLimit: 3, groupIds: [groupA], active: true });
    const id = created.json.agent.id as string;

    const list = await call(agentsRoute.GET, 'GET', '/api/admin/agents');
    expect(list.json.agents.map((a: { email: string }) => a.email)).toContain('nina@alpha.test');
    expect(list.json.agents.every((a: { email: string }) => a.email.endsWith('@alpha.test'))).toBe(true);

    const patched = await call(agentRoute.PATCH, 'PATCH', `/api/admin/agents/${id}`, {
      params: { id },
      body: { role: 'supervisor', receptionLimit: null, groupIds: [], active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.agent).toMatchObject({ role: 'supervisor', receptionLimit: null, groupIds: [], active: false });

    const got = await call(agentRoute.GET, 'GET', `/api/admin/agents/${id}`, { params: { id } });
    expect(got.json.agent.active).toBe(false);

    const dup = await call(agentsRoute.POST, 'POST', '/api/admin/agents', { body: { name: 'Nina 2', email: 'nina@alpha.test', password: 'Correct-Horse-Battery-9' } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('conflict');

    const invalid = await call(agentsRoute.POST, 'POST', '/api/admin/agents', { body: { name: '', email: 'not-an-email', password: 'short' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'name', 'password']);
  });

  it('refuses an admin demoting or deactivating themself', async () => {
    as(users.adminA);
    const res = await call(agentRoute.PATCH, 'PATCH', `/api/admin/agents/${users.adminA.id}`, { params: { id: users.adminA.id }, body: { active: false } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('invalid_state');
  });

  it('creates, renames and deletes skill groups', async () => {
    as(users.adminA);
    const created = await call(groupsRoute.POST, 'POST', '/api/admin/skill-groups', { body: { name: 'Billing' } });
    expect(created.status).toBe(201);
    const id = created.json.group.id as string;
    const renamed = await call(groupRoute.PATCH, 'PATCH', `/api/admin/skill-groups/${id}`, { params: { id }, body: { name: 'Invoices' } });
    expect(renamed.json.group.name).toBe('Invoices');
    const dup = await call(groupsRoute.POST, 'POST', '/api/admin/skill-groups', { body: { name: 'invoices' } });
    expect(dup.status).toBe(409);
    const list = await call(groupsRoute.GET, 'GET', '/api/admin/skill-groups');
    expect(list.json.groups).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Sales', memberCount: expect.any(Number) })]));
    const deleted = await call(groupRoute.DELETE, 'DELETE', `/api/admin/skill-groups/${id}`, { params: { id } });
    expect(deleted).toEqual({ status: 200, json: { ok: true } });
    const again = await call(groupRoute.DELETE, 'DELETE', `/api/admin/skill-groups/${id}`, { params: { id } });
    expect(again.status).toBe(404);
  });

  it('takes the members of a deleted skill group out of it in live routing at once', async () => {
    as(users.adminA);
    const ws = users.adminA.workspaceId;
    const id = users.agentA.id;
    const created = await call(groupsRoute.POST, 'POST', '/api/admin/skill-groups', { body: { name: 'Returns' } });
    const groupId = created.json.group.id as string;
    await call(agentRoute.PATCH, 'PATCH', `/api/admin/agents/${id}`, { params: { id }, body: { groupIds: [groupA, groupId] } });
    expect((await services().routing.agent(ws, id))?.groupIds.sort()).toEqual([groupA, groupId].sort());

    await call(groupRoute.DELETE, 'DELETE', `/api/admin/skill-groups/${groupId}`, { params: { id: groupId } });
    expect((await services().routing.agent(ws, id))?.groupIds).toEqual([groupA]);
  });

  it('scopes everything to the signed-in workspace: workspace B cannot see or touch workspace A', async () => {
    as(users.adminB);
    const id = users.agentA.id;
    const read = await call(agentRoute.GET, 'GET', `/api/admin/agents/${id}`, { params: { id } });
    expect(read.status).toBe(404);
    expect(read.json.error.code).toBe('not_found');

    const patch = await call(agentRoute.PATCH, 'PATCH', `/api/admin/agents/${id}`, { params: { id }, body: { role: 'admin', active: false } });
    expect(patch.status).toBe(404);
    const unchanged = await services().accounts.getAgent(users.agentA.workspaceId, id);
    expect(unchanged).toMatchObject({ role: 'agent', active: true });

    const list = await call(agentsRoute.GET, 'GET', '/api/admin/agents');
    expect(list.json.agents.map((a: { id: string }) => a.id)).toEqual([users.adminB.id]);

    expect((await call(groupRoute.PATCH, 'PATCH', `/api/admin/skill-groups/${groupA}`, { params: { id: groupA }, body: { name: 'Mine' } })).status).toBe(404);
    expect((await call(groupRoute.DELETE, 'DELETE', `/api/admin/skill-groups/${groupA}`, { params: { id: groupA } })).status).toBe(404);
    const groupsB = await call(groupsRoute.GET, 'GET', '/api/admin/skill-groups');
    expect(groupsB.json.groups).toEqual([]);

    // A group id of workspace A cannot be attached to a workspace B agent.
    const create = await call(agentsRoute.POST, 'POST', '/api/admin/agents', {
      body: { name: 'Bea', email: 'bea@beta.test', password: 'Correct-Horse-Battery-9', groupIds: [groupA] },
    });
    expect(create.status).toBe(400);

    // The workspace comes from the session, never from the body.
    const sneaky = await call(agentsRoute.POST, 'POST', '/api/admin/agents', {
      body: { name: 'Bo', email: 'bo@beta.test', password: 'Correct-Horse-Battery-9', workspaceId: users.adminA.workspaceId },
    });
    expect(sneaky.status).toBe(201);
    expect(await services().accounts.getAgent(users.adminA.workspaceId, sneaky.json.agent.id)).toBeNull();
    expect(await services().accounts.getAgent(users.adminB.workspaceId, sneaky.json.agent.id)).not.toBeNull();
  });

  it('answers 404 for ids that are not UUIDs', async () => {
    as(users.adminA);
    const res = await call(agentRoute.GET, 'GET', '/api/admin/agents/nope', { params: { id: 'nope' } });
    expect(res.status).toBe(404);
  });
});

describe('settings and audit', () => {
  it('returns defaults at version 0 and 404 for an unknown section', async () => {
    as(users.adminB);
    const res = await call(settingsRoute.GET, 'GET', '/api/admin/settings/assignment', { params: { section: 'assignment' } });
    const { defaultSettings } = await import('../../src/domain/settings/schemas');
    expect(res.json).toEqual({ ok: true, section: 'assignment', version: 0, value: JSON.parse(JSON.stringify(defaultSettings('assignment'))) });
    const unknown = await call(settingsRoute.GET, 'GET', '/api/admin/settings/nope', { params: { section: 'nope' } });
    expect(unknown.status).toBe(404);
  });

  it('rejects an invalid value with 400 and field details, changing nothing', async () => {
    as(users.adminA);
    const ws = users.adminA.workspaceId;
    const beforeAudit = await auditCount(ws);
    const res = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', {
      params: { section: 'mode' },
      body: { value: { mode: 'sometimes', noAgentNotice: '' } },
    });
    expect(res.status).toBe(400);
    expect(res.json.ok).toBe(false);
    expect(res.json.error.code).toBe('bad_request');
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['value.mode', 'value.noAgentNotice']);
    expect(await settingsRow(ws, 'mode')).toBeUndefined();
    expect(await auditCount(ws)).toBe(beforeAudit);

    const missing = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', { params: { section: 'mode' }, body: { expectedVersion: 0 } });
    expect(missing.status).toBe(400);
    expect(await auditCount(ws)).toBe(beforeAudit);
  });

  it('saves a valid value, bumps the version and writes an audit row', async () => {
    as(users.adminA);
    const ws = users.adminA.workspaceId;
    const first = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', {
      params: { section: 'mode' },
      body: { value: { mode: 'always_on', noAgentNotice: 'Back soon' }, expectedVersion: 0 },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ok: true, section: 'mode', version: 1, value: { mode: 'always_on', noAgentNotice: 'Back soon', alwaysOn: { assignTo: 'online_agents' } } });

    const second = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', {
      params: { section: 'mode' },
      body: { value: { ...first.json.value, mode: 'realtime' }, expectedVersion: 1 },
    });
    expect(second.json.version).toBe(2);
    expect((await settingsRow(ws, 'mode'))).toMatchObject({ version: 2, updatedBy: users.adminA.id });

    const stale = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', {
      params: { section: 'mode' },
      body: { value: first.json.value, expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await settingsRow(ws, 'mode'))?.version).toBe(2);

    const got = await call(settingsRoute.GET, 'GET', '/api/admin/settings/mode', { params: { section: 'mode' } });
    expect(got.json).toMatchObject({ version: 2, value: { mode: 'realtime' } });

    const audit = await call(auditRoute.GET, 'GET', '/api/admin/audit');
    expect(audit.status).toBe(200);
    const modeRows = audit.json.items.filter((i: { section: string }) => i.section === 'mode');
    expect(modeRows.map((i: { version: number }) => i.version)).toEqual([2, 1]);
    expect(modeRows[0]).toMatchObject({ user: { id: users.adminA.id, name: 'Alma Admin' }, before: { mode: 'always_on' }, after: { mode: 'realtime' } });
    expect(modeRows[1].before).toBeNull();

    // Workspace B sees none of it.
    as(users.adminB);
    const auditB = await call(auditRoute.GET, 'GET', '/api/admin/audit');
    expect(auditB.json.items).toEqual([]);
  });

  it('pages the audit log with a cursor, newest first', async () => {
    as(users.adminB);
    for (let limit = 1; limit <= 5; limit++) {
      const put = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/assignment', { params: { section: 'assignment' }, body: { value: { defaultReceptionLimit: limit } } });
      expect(put.status).toBe(200);
    }
    const page1 = await call(auditRoute.GET, 'GET', '/api/admin/audit?limit=2');
    expect(page1.json.items.map((i: { version: number }) => i.version)).toEqual([5, 4]);
    const page2 = await call(auditRoute.GET, 'GET', `/api/admin/audit?limit=2&cursor=${page1.json.nextCursor}`);
    expect(page2.json.items.map((i: { version: number }) => i.version)).toEqual([3, 2]);
    const page3 = await call(auditRoute.GET, 'GET', `/api/admin/audit?limit=2&cursor=${page2.json.nextCursor}`);
    expect(page3.json.items.map((i: { version: number }) => i.version)).toEqual([1]);
    expect(page3.json.nextCursor).toBeNull();
    expect((await call(auditRoute.GET, 'GET', '/api/admin/audit?cursor=abc')).status).toBe(400);
  });

  it('answers 400 bad_request for a malformed JSON body and changes nothing', async () => {
    as(users.adminA);
    const ws = users.adminA.workspaceId;
    const version = (await settingsRow(ws, 'mode'))?.version;
    for (const [handler, path, params] of [
      [settingsRoute.PUT, '/api/admin/settings/mode', { section: 'mode' }],
      [agentsRoute.POST, '/api/admin/agents', {}],
      [groupsRoute.POST, '/api/admin/skill-groups', {}],
    ] as const) {
      const res = await call(handler, handler === settingsRoute.PUT ? 'PUT' : 'POST', path, { raw: '{"value": {', params });
      expect(res.status, path).toBe(400);
      expect(res.json).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    }
    const empty = await call(settingsRoute.PUT, 'PUT', '/api/admin/settings/mode', { raw: '', params: { section: 'mode' } });
    expect(empty.status).toBe(400);
    expect((await settingsRow(ws, 'mode'))?.version).toBe(version);
  });
});

describe('console navigation', () => {
  it('links only to pages that exist (no dead links) and hides admin pages from supervisors', async () => {
    const { existsSync } = await import('node:fs');
    const path = await import('node:path');
    const { allLinks, navFor } = await import('../../src/components/console/nav');
    for (const link of allLinks()) {
      const file = path.resolve(import.meta.dirname, '../../src/app', `.${link.href}`, 'page.tsx');
      expect(existsSync(file), link.href).toBe(true);
    }
    const supervisorLinks = allLinks(navFor('supervisor')).map((l) => l.href);
    expect(supervisorLinks).not.toContain('/admin/agents');
    expect(supervisorLinks).not.toContain('/admin/live-chat/mode');
    expect(allLinks(navFor('admin')).map((l) => l.href)).toEqual(expect.arrayContaining(['/admin/live-chat/mode', '/admin/live-chat/settings/chat/assignment']));
  });
});

describe('realtime token, sign-up and health', () => {
  it('mints a staff token for any signed-in role', async () => {
    as(users.agentA);
    const res = await call(tokenRoute.GET, 'GET', '/api/realtime/token');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      ok: true,
      realtimeUrl: expect.stringMatching(/^http/),
      user: { id: users.agentA.id, name: 'Al', role: 'agent', workspaceId: users.agentA.workspaceId },
    });
    const { env } = await import('../../src/lib/env');
    const claims = await tokens.verifyStaffToken(env().AUTH_SECRET, res.json.token);
    expect(claims).toMatchObject({ typ: 'staff', uid: users.agentA.id, wid: users.agentA.workspaceId, role: 'agent' });
  });

  it('signs up a new workspace and its admin', async () => {
    const res = await call(signupRoute.POST, 'POST', '/api/signup', {
      body: { workspaceName: 'Gamma', name: 'Gus', email: 'gus@gamma.test', password: 'Correct-Horse-Battery-9' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ ok: true, workspaceId: expect.any(String), user: { email: 'gus@gamma.test', role: 'admin' } });
    expect(await services().accounts.authenticate({ email: 'gus@gamma.test', password: 'Correct-Horse-Battery-9' })).toMatchObject({ role: 'admin' });

    const dup = await call(signupRoute.POST, 'POST', '/api/signup', {
      body: { workspaceName: 'Gamma 2', name: 'Gus', email: 'GUS@gamma.test', password: 'Correct-Horse-Battery-9' },
    });
    expect(dup.status).toBe(409);
    const bad = await call(signupRoute.POST, 'POST', '/api/signup', { body: { workspaceName: 'G', name: '', email: 'x', password: '1' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'name', 'password', 'workspaceName']);
    expect((await call(signupRoute.POST, 'POST', '/api/signup', { raw: 'nope' })).status).toBe(400);
  });

  it('reports health when PostgreSQL and Redis answer', async () => {
    const res = await healthRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
