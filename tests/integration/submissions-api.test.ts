import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outbox, submissions } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * The submissions inbox route handlers (/api/submissions/**), called as functions with real Requests
 * against a real database and Redis, with a real realtime node so a reply is seen arriving in the
 * visitor's widget socket. The session comes through the `setSessionResolver` seam of src/lib/auth.ts.
 */

const h = new ChatHarness();
let node: RealtimeServer;
let auth: typeof import('../../src/lib/auth');
let listRoute: typeof import('../../src/app/api/submissions/route');
let oneRoute: typeof import('../../src/app/api/submissions/[id]/route');
let repliesRoute: typeof import('../../src/app/api/submissions/[id]/replies/route');

let a: TestWorkspace;
let b: TestWorkspace;
const u = {} as Record<'adminA' | 'agentA' | 'agent2A' | 'adminB', SessionUser>;
let visitor: Awaited<ReturnType<ChatHarness['visitor']>>;
/** The submission the visitor made through the widget protocol. */
let realId: string;
/** Seeded rows of workspace A: [id, channel, status, assignee, createdAt]. */
const seeded: { id: string; channel: string; status: string; assigneeId: string | null; createdAt: Date }[] = [];


function as(user: SessionUser | null) {
  auth.setSessionResolver(async () => user);
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: unknown, method: string, path: string, options: { body?: unknown; params?: Record<string, string> } = {}) {
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: options.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(options.params ?? {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const list = (query = '') => call(listRoute.GET, 'GET', `/api/submissions${query}`);

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  auth = await startWebServices(h);
  listRoute = await import('../../src/app/api/submissions/route');
  oneRoute = await import('../../src/app/api/submissions/[id]/route');
  repliesRoute = await import('../../src/app/api/submissions/[id]/replies/route');

  a = await h.createWorkspace(2);
  b = await h.createWorkspace(1);
  const user = async (ws: TestWorkspace, id: string, role: SessionUser['role']): Promise<SessionUser> => ({ id, workspaceId: ws.workspaceId, email: `${id}@x.test`, name: 'x', role });
  u.adminA = await user(a, a.adminId, 'admin');
  u.agentA = await user(a, a.agents[0].id, 'agent');
  u.agent2A = await user(a, a.agents[1].id, 'agent');
  u.adminB = await user(b, b.adminId, 'admin');

  // A visitor of A, nobody online: the form is offered and submitted through the widget protocol.
  await h.saveSettings(node, a.workspaceId, 'submission', { enabled: true });
  visitor = await h.visitor(node, a.widgetKey);
  const offered = nextEvent<{ kind: string }>(visitor.socket, 'notice', (n) => n.kind === 'submission_offered');
  await request(visitor.socket, 'chat.start', {});
  await offered;
  const created = await request(visitor.socket, 'submission.create', { fields: { name: 'Ada', email: 'ada@example.com', content: 'Where is my parcel?' } });
  expect(created.ok).toBe(true);
  realId = created.submission.id;

  // More rows in A for the filters, and one in B.
  const base = { visitorId: visitor.session.visitorId, trigger: 'no_agent_online', mode: 'offline_message', fields: { content: 'seeded' } };
  const rows = [
    { channel: 'mobile', status: 'open', assigneeId: null, createdAt: new Date('2025-01-10T12:00:00Z') },
    { channel: 'app', status: 'closed', assigneeId: a.agents[0].id, createdAt: new Date('2025-01-11T12:00:00Z') },
    { channel: 'desktop', status: 'in_progress', assigneeId: a.agents[1].id, createdAt: new Date('2025-01-12T12:00:00Z') },
    { channel: 'mobile', status: 'open', assigneeId: a.agents[0].id, createdAt: new Date('2025-01-13T12:00:00Z') },
  ] as const;
  for (const [i, r] of rows.entries()) {
    const [row] = await h.database.db
      .insert(submissions)
      .values({ ...base, ...r, workspaceId: a.workspaceId, number: 100 + i })
      .returning({ id: submissions.id });
    seeded.push({ id: row.id, ...r });
  }
  const vb = await h.visitor(node, b.widgetKey);
  await h.database.db.insert(submissions).values({ ...base, visitorId: vb.session.visitorId, workspaceId: b.workspaceId, number: 1, channel: 'desktop' });
});

afterEach(() => auth?.setSessionResolver(null));

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

describe('submissions inbox API', () => {
  it('answers 401 when nobody is signed in', async () => {
    as(null);
    expect((await list()).status).toBe(401);
    expect((await call(oneRoute.GET, 'GET', `/api/submissions/${realId}`, { params: { id: realId } })).status).toBe(401);
    expect((await call(repliesRoute.POST, 'POST', `/api/submissions/${realId}/replies`, { params: { id: realId }, body: { body: 'x' } })).status).toBe(401);
  });

  it('lets every role read the inbox of its own workspace only', async () => {
    as(u.agentA);
    const mine = await list();
    expect(mine.status).toBe(200);
    expect(mine.json.items).toHaveLength(5);
    expect(mine.json.items[0]).toMatchObject({ id: realId, number: 1, fields: { name: 'Ada' } });

    as(u.adminB);
    const other = await list();
    expect(other.json.items).toHaveLength(1);
    expect(other.json.items.map((s: { id: string }) => s.id)).not.toContain(realId);
    // Another workspace's submission does not exist for B: read, change, reply all 404, nothing changes.
    expect((await call(oneRoute.GET, 'GET', `/api/submissions/${realId}`, { params: { id: realId } })).status).toBe(404);
    expect((await call(oneRoute.PATCH, 'PATCH', `/api/submissions/${realId}`, { params: { id: realId }, body: { status: 'closed' } })).status).toBe(404);
    expect((await call(repliesRoute.POST, 'POST', `/api/submissions/${realId}/replies`, { params: { id: realId }, body: { body: 'Hi' } })).status).toBe(404);
    const [row] = await h.database.db.select().from(submissions).where(eq(submissions.id, realId));
    expect(row.status).toBe('open');
    // A path id that is not a UUID names nothing.
    expect((await call(oneRoute.GET, 'GET', '/api/submissions/nope', { params: { id: 'nope' } })).status).toBe(404);
  });

  it('filters by status, channel, assignee (incl. unassigned) and date, and pages with a cursor', async () => {
    as(u.agentA);
    const ids = async (q: string) => ((await list(q)).json.items as { id: string }[]).map((s) => s.id);
    expect(await ids('?status=closed')).toEqual([seeded[1].id]);
    expect(await ids('?channel=mobile')).toEqual([seeded[3].id, seeded[0].id]);
    expect(await ids(`?assigneeId=${a.agents[0].id}`)).toEqual([seeded[3].id, seeded[1].id]);
    expect(await ids('?assigneeId=none')).toEqual([realId, seeded[0].id]);
    expect(await ids('?from=2025-01-11&to=2025-01-12')).toEqual([seeded[2].id, seeded[1].id]);
    expect(await ids('?status=open&channel=mobile&assigneeId=none')).toEqual([seeded[0].id]);
    expect((await list('?status=archived')).status).toBe(400);
    expect((await list('?from=yesterday')).status).toBe(400);

    // Pages of 2: every row once, newest first, then no cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json.items.map((s: { id: string }) => s.id));
      cursor = res.json.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([realId, seeded[3].id, seeded[2].id, seeded[1].id, seeded[0].id]);
    expect(cursor).toBeNull();
  });

  it('assigns and changes the status; refuses an assignee from another workspace', async () => {
    as(u.agent2A);
    const id = seeded[0].id;
    const assigned = await call(oneRoute.PATCH, 'PATCH', `/api/submissions/${id}`, { params: { id }, body: { assigneeId: u.agent2A.id, status: 'in_progress' } });
    expect(assigned.status).toBe(200);
    expect(assigned.json.submission).toMatchObject({ assigneeId: u.agent2A.id, assigneeName: 'Agent 2', status: 'in_progress' });
    expect((await call(oneRoute.PATCH, 'PATCH', `/api/submissions/${id}`, { params: { id }, body: { assigneeId: b.adminId } })).status).toBe(400);
    expect((await call(oneRoute.PATCH, 'PATCH', `/api/submissions/${id}`, { params: { id }, body: {} })).status).toBe(400);
    expect((await call(oneRoute.PATCH, 'PATCH', `/api/submissions/${id}`, { params: { id }, body: { status: 'done' } })).status).toBe(400);
    const unassigned = await call(oneRoute.PATCH, 'PATCH', `/api/submissions/${id}`, { params: { id }, body: { assigneeId: null, status: 'closed' } });
    expect(unassigned.json.submission).toMatchObject({ assigneeId: null, status: 'closed' });
  });

  it('replies: stored in the thread, pushed live to the visitor, recorded for the webhooks; empty replies refused', async () => {
    as(u.agentA);
    const empty = await call(repliesRoute.POST, 'POST', `/api/submissions/${realId}/replies`, { params: { id: realId }, body: { body: '   ' } });
    expect(empty.status).toBe(400);

    const live = nextEvent<{ submissionId: string; message: { authorType: string; body: string } }>(visitor.socket, 'submission.reply');
    const res = await call(repliesRoute.POST, 'POST', `/api/submissions/${realId}/replies`, { params: { id: realId }, body: { body: 'It ships tomorrow.' } });
    expect(res.status).toBe(201);
    expect(res.json.submission).toMatchObject({ id: realId, status: 'in_progress' });
    expect(res.json.message).toMatchObject({ authorType: 'agent', body: 'It ships tomorrow.', authorName: 'Agent 1' });
    expect(await live).toMatchObject({ submissionId: realId, message: { authorType: 'agent', body: 'It ships tomorrow.' } });

    const one = await call(oneRoute.GET, 'GET', `/api/submissions/${realId}`, { params: { id: realId } });
    expect(one.json.submission.messages.map((m: { body: string }) => m.body)).toEqual(['It ships tomorrow.']);

    // The visitor sees it in their history on return.
    const back = await h.visitor(node, a.widgetKey, visitor.session.token);
    const history = await request(back.socket, 'submissions.list', {});
    expect(history.submissions.find((s: { id: string }) => s.id === realId).messages[0]).toMatchObject({ authorType: 'agent', body: 'It ships tomorrow.' });

    // Webhook events were committed with the changes (outbox).
    const events = await h.database.db.select().from(outbox).where(and(eq(outbox.workspaceId, a.workspaceId)));
    const types = events.map((e) => e.type);
    expect(types).toContain('submission.created');
    expect(events.find((e) => e.type === 'submission.replied')?.payload).toMatchObject({ submissionId: realId, agentId: u.agentA.id, body: 'It ships tomorrow.' });
  });
});
