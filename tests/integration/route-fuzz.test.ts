import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { SessionUser } from '../../src/domain/accounts/service';
import { SettingsSectionSchema } from '../../src/domain/settings/schemas';
import type { RouteHandler } from '../../src/server/http/route';
import { ChatHarness, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 22 item 5: never a 500 for bad input, on ANY route. Every route file under src/app/api is imported
 * and every exported method driven, as a signed-in admin, supervisor and agent, with inputs derived from the
 * route's own schemas (route() keeps its spec on the handler) mixed with random and edge values: impossible
 * dates, huge numbers, unicode, NUL, wrong types, missing and extra fields, ids of another workspace.
 * Every answer is below 500, and every refusal has the documented error shape.
 */
const h = new ChatHarness();
let ws: TestWorkspace;
let other: TestWorkspace;
let auth: typeof import('../../src/lib/auth');
const RUNS = 10;

const API_DIR = path.resolve(__dirname, '../../src/app/api');
/** NextAuth's own handler (sign-in form posts, CSRF) is the library's, not ours: it is not behind route(). */
const NOT_OURS = [path.join('auth', '[...nextauth]')];

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' && !NOT_OURS.some((n) => full.includes(n)) ? [full] : [];
  });
}

beforeAll(async () => {
  await h.setup();
  ws = await h.createWorkspace(2);
  other = await h.createWorkspace(1);
  auth = await startWebServices(h, { RL_ADMIN_API_PER_MINUTE: '1000000', RL_SIGNUP_PER_IP_PER_HOUR: '1000000' });
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

// ------------------------------------------------------------------------------------------- edge values
const NUL = 'a\u0000b';
const ids = () => [ws.agents[0].id, ws.adminId, other.agents[0].id, other.adminId, '00000000-0000-4000-8000-000000000000'];
const edgeStrings = ['', ' ', NUL, '\u0000', '2026-02-30', '2026-13-45', '0000-00-00', '9999-99-99', '-1', '1e309', '99999999999999999999', 'NaN', '😀'.repeat(300), 'x'.repeat(10_000), '<script>', "' or 1=1 --", '%00', '../../etc/passwd', 'null'];
const edgeNumbers = [0, -1, 1.5, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308];
const anyEdge = fc.oneof(
  fc.constantFrom<unknown>(...edgeStrings, ...edgeNumbers, null, true, false, [], {}, [NUL], { [NUL]: 1 }),
  fc.string({ unit: 'binary' }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The zod type under optional / default / nullable / pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
  if (def.innerType && ['optional', 'default', 'nullable', 'catch', 'prefault', 'readonly', 'nonoptional'].includes(def.type)) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  return schema;
}

/** A value shaped like the schema wants (often valid), or an edge value (often not). */
function valueFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const inner = unwrap(schema);
  const def = (inner as unknown as { def: Record<string, unknown> & { type: string } }).def;
  const format = (inner as unknown as { format?: string }).format;
  let shaped: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'string':
      shaped =
        format === 'uuid' || format === 'guid'
          ? fc.constantFrom(...ids())
          : format === 'date'
            ? fc.oneof(fc.constantFrom('2026-02-28', '2026-02-30', '2026-13-45', '0000-00-00', '2024-02-29', '2023-02-29'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)))
            : fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
      break;
    case 'number':
    case 'int':
      shaped = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(...edgeNumbers));
      break;
    case 'boolean':
      shaped = fc.boolean();
      break;
    case 'enum':
      shaped = fc.constantFrom(...Object.values(def.entries as Record<string, string>));
      break;
    case 'literal':
      shaped = fc.constantFrom(...(def.values as unknown[]));
      break;
    case 'array':
      shaped = depth > 2 ? fc.constant([]) : fc.array(valueFor(def.element as z.ZodType, depth + 1), { maxLength: 4 });
      break;
    case 'object':
      shaped = depth > 2 ? fc.constant({}) : objectFor(inner, depth + 1);
      break;
    case 'union':
      shaped = fc.oneof(...(def.options as z.ZodType[]).map((o) => valueFor(o, depth + 1)));
      break;
    default:
      shaped = fc.jsonValue({ maxDepth: 2 });
  }
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: anyEdge });
}

/** An object with the schema's keys (some left out, some extra ones added). */
function objectFor(schema: z.ZodType, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const shape = (unwrap(schema) as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return fc.dictionary(fc.string({ maxLength: 8 }), anyEdge, { maxKeys: 3 });
  const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, valueFor(s, depth)]));
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 8 }), anyEdge, { maxKeys: 2 })).map(([known, extra]) => ({ ...extra, ...known }));
}

/** Edge values put into one field at a time (every other field left out): each must be refused or handled. */
const ONE_FIELD_EDGES: unknown[] = [NUL, '2026-02-30', '2026-13-45', '0000-00-00', '9007199254740993', '1e309', '-1', '0', '😀', '   ', 'x'.repeat(5000), 1e308, -1, 2 ** 53 + 2, true, null, [], {}, ['a', 'b']];
function oneFieldCases(schema: z.ZodType | undefined): Record<string, unknown>[] {
  const shape = schema ? (unwrap(schema) as unknown as { shape?: Record<string, z.ZodType> }).shape : undefined;
  return Object.keys(shape ?? {}).flatMap((key) => ONE_FIELD_EDGES.map((edge) => ({ [key]: edge })));
}

/** Query values go through the URL: strings, sometimes repeated. */
function queryString(values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, typeof item === 'string' ? item : JSON.stringify(item));
  }
  return q.toString();
}

// ------------------------------------------------------------------------------------------- the answer
/**
 * The documented error shapes: the console envelope; problem+json; the widget loader's `{ code, message }`;
 * and a page for people on the few links opened in a browser (the unsubscribe link of an email).
 */
function expectDocumentedError(res: Response, json: unknown, label: string): void {
  const j = json as Record<string, unknown> | null;
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/html')) {
    expect(res.status, label).toBeLessThan(500);
  } else if (type.startsWith('application/problem+json')) {
    expect(j, label).toMatchObject({ status: res.status, code: expect.any(String), detail: expect.any(String) });
  } else if (j && 'ok' in j) {
    expect(j, label).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
  } else {
    expect(j, label).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  }
}

const PARAM_VALUES: Record<string, () => string[]> = {
  id: () => [...ids(), 'not-an-id', NUL, '1', '😀'],
  section: () => [...(SettingsSectionSchema.options as string[]).slice(0, 4), 'nope', NUL],
  kind: () => ['push', 'offline', 'events', 'nope', NUL],
  variant: () => ['file', 'thumb', 'x', NUL],
};

describe('route fuzz', () => {
  // ~40 s alone; importing every route module while the other test files run in parallel on 2 loaded cores took > 120 s once.
  it('every route under src/app/api, as admin, supervisor and agent: never a 5xx, every refusal in the documented shape', { timeout: 300_000 }, async () => {
    const supervisor = await h.accounts.createAgent(ws.workspaceId, { name: 'Sup', email: `fuzz-sup-${ws.workspaceId.slice(0, 6)}@test.dev`, password: TEST_PASSWORD, role: 'supervisor' });
    const people: Record<'admin' | 'supervisor' | 'agent', string> = { admin: ws.adminId, supervisor: supervisor.id, agent: ws.agents[1].id };
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(40);
    let requests = 0;
    let downloads = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const segments = [...path.relative(API_DIR, file).matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
      const urlPath = `/api/${path.dirname(path.relative(API_DIR, file)).split(path.sep).join('/')}`;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const handler = mod[method] as RouteHandler | undefined;
        if (!handler) continue;
        // Every route handler is written with route() (issue 20 item 3).
        expect(handler.spec, `${method} ${urlPath} is not written with route()`).toBeDefined();
        const { spec } = handler;
        const params = fc.record(Object.fromEntries(segments.map((s) => [s, fc.constantFrom(...(PARAM_VALUES[s]?.() ?? ['x', NUL]))])));
        const query = spec.query ? objectFor(spec.query) : fc.dictionary(fc.constantFrom('q', 'from', 'to', 'page', 'limit', 'format', 'side', 'key', 'conversationId', 'name'), anyEdge, { maxKeys: 3 });
        const body = fc.oneof({ weight: 4, arbitrary: spec.body ? objectFor(spec.body) : anyEdge }, { weight: 1, arbitrary: anyEdge }, { weight: 1, arbitrary: fc.constantFrom('{', '', 'null', '[]', '{"a":') });
        const queryCases = oneFieldCases(spec.query);
        const bodyCases = oneFieldCases(spec.body);
        for (const role of ['admin', 'supervisor', 'agent'] as const) {
          // The current row each time: a fuzzed password change or sign-out-everywhere must not log the test out.
          auth.setSessionResolver(async () => (await h.accounts.getUser(ws.workspaceId, people[role])) as SessionUser | null);
          const send = async (p: Record<string, unknown>, q: Record<string, unknown>, b: unknown) => {
              const qs = queryString(q);
              const init: RequestInit = { method };
              if (method !== 'GET' && method !== 'DELETE') {
                init.body = typeof b === 'string' ? b : JSON.stringify(b);
                init.headers = { 'content-type': 'application/json' };
              }
              const req = new Request(`http://localhost${urlPath}${qs ? `?${qs}` : ''}`, init);
              const res = await handler(req, { params: Promise.resolve(p as Record<string, string>) });
              requests++;
              const label = `${role} ${method} ${urlPath} ${JSON.stringify(p)} ?${qs} ${String(init.body ?? '').slice(0, 300)} -> ${res.status}`;
              expect(res.status, label).toBeLessThan(500);
              if (res.status >= 400) expectDocumentedError(res, await res.json().catch(() => null), label);
              else {
                // Issue 22 item 6: whatever a route hands out as a download is sandboxed and never sniffed.
                if (res.headers.get('content-disposition')) {
                  downloads++;
                  expect(res.headers.get('content-security-policy'), label).toBe("sandbox; default-src 'none'");
                  expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
                }
                await res.body?.cancel();
              }
          };
          // Random inputs derived from the schemas…
          await fc.assert(fc.asyncProperty(params, query, body, send), { numRuns: RUNS });
          // …and, as the admin (who passes every role check), each edge value in each field on its own.
          if (role !== 'admin') continue;
          const someParams = Object.fromEntries(segments.map((s) => [s, (PARAM_VALUES[s]?.() ?? ['x'])[0]]));
          for (const q of queryCases) await send(someParams, q, {});
          for (const b of bodyCases) await send(someParams, {}, b);
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect(downloads, 'the CSV exports were downloaded').toBeGreaterThan(0);
  });
});
