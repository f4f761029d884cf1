import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/accounts/service';
import { SettingsSectionSchema } from '../../src/domain/settings/schemas';
import { signStaffToken } from '../../src/lib/tokens';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, request, TEST_AUTH_SECRET, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { registeredEvents } from '../helpers/events';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 13: fuzzing with fast-check. Random JSON sent to every socket event of every namespace and to
 * every admin route body never answers `internal`/500, never takes a process down, and, whenever every
 * payload was refused, leaves the stored state exactly as it was.
 */
const h = new ChatHarness();
let node: RealtimeServer;
let ws: TestWorkspace;
let auth: typeof import('../../src/lib/auth');
const RUNS = 12;
const payloads = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('conversationId', 'body', 'status', 'fields', 'to', 'score', 'clientMsgId', 'typing', 'afterSeq', 'value'), fc.jsonValue({ maxDepth: 2 })));

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  ws = await h.createWorkspace(1);
  auth = await startWebServices(h, { RL_ADMIN_API_PER_MINUTE: '1000000' });
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

/** Everything a refused request could have changed: row counts and versions of the stored state. */
async function state(): Promise<unknown> {
  const tables = ['workspaces', 'users', 'skill_groups', 'user_skill_groups', 'visitors', 'conversations', 'messages', 'outbox', 'settings', 'settings_audit', 'submissions', 'ratings', 'whispers', 'sensitive_words', 'webhook_endpoints', 'customers'];
  const existing = await h.database.db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public'`);
  const names = new Set(existing.rows.map((r) => r.table_name));
  const counts: Record<string, unknown> = {};
  for (const t of tables.filter((t) => names.has(t))) counts[t] = (await h.database.db.execute(sql.raw(`select count(*)::int as n from ${t}`))).rows[0];
  counts.versions = (await h.database.db.execute(sql`select (select coalesce(sum(version), 0)::int from settings) as s, (select coalesce(sum(session_version), 0)::int from users) as u, (select coalesce(sum(last_seq), 0)::int from conversations) as c`)).rows[0];
  return counts;
}

describe('socket events', () => {
  it('random JSON on every event: never internal, the socket stays up, refused payloads change nothing', async () => {
    const sup = await h.accounts.createAgent(ws.workspaceId, { name: 'Sup', email: `fuzz-sup-${ws.workspaceId.slice(0, 6)}@test.dev`, password: TEST_PASSWORD, role: 'supervisor' });
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    const monitor = h.raw(node, '/monitor', { token: await signStaffToken(TEST_AUTH_SECRET, { uid: sup.id, wid: ws.workspaceId, role: 'supervisor' }) });
    await new Promise<void>((resolve) => monitor.once('connect', () => resolve()));
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const clients: [string, Socket][] = [['/visitor', visitor], ['/agent', agent], ['/monitor', monitor]];
    for (const [namespace, socket] of clients) {
      for (const event of registeredEvents(node, namespace, socket)) {
        const before = await state();
        let accepted = 0;
        await fc.assert(
          fc.asyncProperty(payloads, async (payload) => {
            const ack = await request(socket, event, payload);
            expect(ack?.error?.code, `${namespace} ${event} ${JSON.stringify(payload)}`).not.toBe('internal');
            if (ack.ok) accepted++;
          }),
          { numRuns: RUNS },
        );
        expect(socket.connected, `${namespace} ${event}`).toBe(true);
        if (accepted === 0) expect(await state(), `${namespace} ${event} changed state`).toEqual(before);
      }
    }
    // The node still serves a normal conversation afterwards.
    const started = await request(visitor, 'chat.start', {});
    expect(started.ok).toBe(true);
  }, 240_000);
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every route handler under src/app/api/admin that takes a body (POST, PUT, PATCH). */
function adminRouteFiles(dir = path.resolve('src/app/api/admin')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return adminRouteFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

describe('admin route bodies', () => {
  it('random JSON bodies on every admin route: never 500, refused bodies change nothing', async () => {
    const admin: SessionUser = { id: ws.adminId, workspaceId: ws.workspaceId, email: 'a@test.dev', name: 'Admin', role: 'admin' };
    auth.setSessionResolver(async () => admin);
    const params: Record<string, string[]> = {
      id: [ws.agents[0].id, '00000000-0000-4000-8000-000000000000'],
      section: SettingsSectionSchema.options as string[],
      kind: ['push', 'offline', 'events'],
    };
    let tested = 0;
    for (const file of adminRouteFiles()) {
      const mod = (await import(file)) as Record<string, unknown>;
      const segments = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
      const variants = segments.length ? params[segments[0]].map((v) => ({ [segments[0]]: v })) : [{}];
      for (const method of ['POST', 'PUT', 'PATCH'] as const) {
        const handler = mod[method] as Handler | undefined;
        if (!handler) continue;
        for (const routeParams of variants) {
          const before = await state();
          let accepted = 0;
          await fc.assert(
            fc.asyncProperty(fc.oneof(payloads, fc.string()), async (body) => {
              const raw = typeof body === 'string' && Math.random() < 0.5 ? body : JSON.stringify(body);
              const res = await handler(new Request('http://localhost/api/admin/x', { method, headers: { 'content-type': 'application/json' }, body: raw }), { params: Promise.resolve(routeParams) });
              expect(res.status, `${method} ${file} ${JSON.stringify(routeParams)} ${raw}`).toBeLessThan(500);
              if (res.ok) accepted++;
            }),
            { numRuns: RUNS },
          );
          if (accepted === 0) expect(await state(), `${method} ${file} changed state`).toEqual(before);
          tested++;
        }
      }
    }
    expect(tested).toBeGreaterThan(10);
  }, 240_000);
});
