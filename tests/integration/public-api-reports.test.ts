import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '../../src/domain/apitokens/scopes';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Reports through the public API (issue 24 item 2): conversations driven through the REAL chat use cases
 * (sockets -> chat service -> reporting log), then read with an API token (/api/v1/reports/*) and through
 * the console routes (/api/reports/*) for the same query: the same figures, the scope enforced, one
 * workspace's figures never in another's.
 */
const h = new ChatHarness();
let node: RealtimeServer;
let A: TestWorkspace;
let B: TestWorkspace;
let auth: Awaited<ReturnType<typeof startWebServices>>;
const r = {} as {
  tokens: typeof import('../../src/app/api/admin/api-tokens/route');
  summary: typeof import('../../src/app/api/v1/reports/summary/route');
  series: typeof import('../../src/app/api/v1/reports/series/route');
  agents: typeof import('../../src/app/api/v1/reports/agents/route');
  console: {
    summary: typeof import('../../src/app/api/reports/summary/route');
    series: typeof import('../../src/app/api/reports/series/route');
    agents: typeof import('../../src/app/api/reports/agents/route');
  };
};
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const range = `from=${today}&to=${tomorrow}&tz=UTC`;
let tokenA: string;
let tokenB: string;
let otherScopes: string;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: unknown, path: string, o: { token?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = o.token ? { authorization: `Bearer ${o.token}` } : {};
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await (handler as Handler)(new Request(`http://localhost${path}`, { method: o.method ?? 'GET', headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as any };
}
function asAdmin(ws: TestWorkspace) {
  auth.setSessionResolver(async () => ({ id: ws.adminId, workspaceId: ws.workspaceId, email: 'admin@test.dev', name: 'Admin', role: 'admin' }));
}
async function createToken(ws: TestWorkspace, scopes: ApiScope[]): Promise<string> {
  asAdmin(ws);
  const res = await call(r.tokens.POST, '/api/admin/api-tokens', { method: 'POST', body: { name: `reports ${scopes.join(' ')}`, scopes } });
  auth.setSessionResolver(null);
  expect(res.status).toBe(200);
  return res.json.token;
}

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  auth = await startWebServices(h, { RL_API_TOKEN_PER_MINUTE: '100000', RL_API_WORKSPACE_PER_MINUTE: '100000' });
  r.tokens = await import('../../src/app/api/admin/api-tokens/route');
  r.summary = await import('../../src/app/api/v1/reports/summary/route');
  r.series = await import('../../src/app/api/v1/reports/series/route');
  r.agents = await import('../../src/app/api/v1/reports/agents/route');
  r.console = {
    summary: await import('../../src/app/api/reports/summary/route'),
    series: await import('../../src/app/api/reports/series/route'),
    agents: await import('../../src/app/api/reports/agents/route'),
  };
  A = await h.createWorkspace(2);
  B = await h.createWorkspace(1);
  await h.saveSettings(node, A.workspaceId, 'satisfaction', {
    enabled: true,
    maxInvitations: 2,
    allowOverwrite: false,
    agentsSeeResults: false,
    scheme: { scale: 5, levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: `L${score}`, tags: [] })), solvedEnabled: false },
  });

  // Workspace A: two chats; the first is transferred between the two agents and rated.
  const ann = await h.staff(node, A.workspaceId, A.agents[0].id);
  const ben = await h.staff(node, A.workspaceId, A.agents[1].id);
  await request(ann, 'status.set', { status: 'online' });
  await request(ben, 'status.set', { status: 'online' });
  const sockets = { [A.agents[0].id]: ann, [A.agents[1].id]: ben };
  for (const [i, rated] of [[1, true], [2, false]] as const) {
    const { socket: visitor } = await h.visitor(node, A.widgetKey);
    const started = await request(visitor, 'chat.start', { channel: 'desktop' });
    const id = started.conversation.id as string;
    const holderId = started.conversation.agentId as string;
    const holder = sockets[holderId];
    await request(visitor, 'message.send', { conversationId: id, clientMsgId: `v${i}`, body: 'hello' });
    await request(holder, 'message.send', { conversationId: id, clientMsgId: `a${i}`, body: 'hi, how can I help' });
    let closer = holder;
    if (rated) {
      const otherId = holderId === A.agents[0].id ? A.agents[1].id : A.agents[0].id;
      closer = sockets[otherId];
      const arrived = nextEvent(closer, 'conversation.assigned');
      expect((await request(holder, 'chat.transfer', { conversationId: id, to: { type: 'agent', id: otherId } })).ok).toBe(true);
      await arrived;
      await request(closer, 'rating.invite', { conversationId: id });
      expect((await request(visitor, 'rating.submit', { conversationId: id, score: 5 })).ok).toBe(true);
    }
    expect((await request(closer, 'chat.end', { conversationId: id })).ok).toBe(true);
  }
  // Both sign off: online time (clipped at now while online) stops moving, so two reads agree exactly.
  await request(ann, 'status.set', { status: 'offline' });
  await request(ben, 'status.set', { status: 'offline' });
  // Workspace B: one chat of its own the same day.
  const bob = await h.staff(node, B.workspaceId, B.agents[0].id);
  await request(bob, 'status.set', { status: 'online' });
  const { socket: visitorB } = await h.visitor(node, B.widgetKey);
  const startedB = await request(visitorB, 'chat.start', {});
  await request(visitorB, 'message.send', { conversationId: startedB.conversation.id, clientMsgId: 'b', body: 'hi from B' });

  tokenA = await createToken(A, ['reports:read']);
  tokenB = await createToken(B, ['reports:read']);
  otherScopes = await createToken(A, ['conversations:read', 'customers:read', 'agents:read', 'webhooks:manage']);
}, 90_000);

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

describe('/api/v1/reports', () => {
  it('gives a reports:read token the same figures as the console route for the same query', async () => {
    for (const [view, query] of [
      ['summary', range],
      ['series', `${range}&groupBy=hour`],
      ['agents', range],
      ['summary', `${range}&agentId=${A.agents[0].id}&workingHours=true`],
      ['series', `${range}&channel=desktop`],
    ] as const) {
      const api = await call(r[view].GET, `/api/v1/reports/${view}?${query}`, { token: tokenA });
      expect(api.status, JSON.stringify(api.json)).toBe(200);
      asAdmin(A);
      const console = await call(r.console[view].GET, `/api/reports/${view}?${query}`);
      auth.setSessionResolver(null);
      expect(console.status).toBe(200);
      // The console wraps its answers in { ok: true, ... }; the figures are the same.
      const { ok, ...figures } = console.json;
      expect(ok).toBe(true);
      expect(api.json).toEqual(figures);
    }
    const summary = await call(r.summary.GET, `/api/v1/reports/summary?${range}`, { token: tokenA });
    expect(summary.json.current.counts).toMatchObject({ conversations: 2, messagesIn: 2, messagesOut: 2, chats: 3, transfers: 1, ratings: 1, positiveRatings: 1, invitations: 2 });
    // The rated chat was invited by hand; ending the other one invited its visitor too.
    expect(summary.json.current.rates).toEqual({ abandonment: null, csat: 1, responseRate: 0.5 });
    expect(summary.json.query).toMatchObject({ from: today, to: tomorrow, tz: 'UTC', groupBy: 'day', workingHours: false });
    const series = await call(r.series.GET, `/api/v1/reports/series?${range}&groupBy=hour`, { token: tokenA });
    expect(series.json.points).toHaveLength(24);
    expect(series.json.total).toEqual(summary.json.current);
    // A token has no user: every agent's row, as an admin sees them.
    const agents = await call(r.agents.GET, `/api/v1/reports/agents?${range}`, { token: tokenA });
    expect(agents.json.agents.map((a: any) => a.agentId).sort()).toEqual([A.agents[0].id, A.agents[1].id].sort());
    expect(agents.json.agents.reduce((n: number, a: any) => n + a.figures.counts.chats, 0)).toBe(3);
  });

  it('refuses a token without reports:read (403 problem+json) and bad queries with human messages', async () => {
    for (const view of ['summary', 'series', 'agents'] as const) {
      const refused = await call(r[view].GET, `/api/v1/reports/${view}?${range}`, { token: otherScopes });
      expect(refused.status).toBe(403);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.json).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await call(r[view].GET, `/api/v1/reports/${view}?${range}`)).status).toBe(401);
    }
    const backwards = await call(r.summary.GET, `/api/v1/reports/summary?from=${tomorrow}&to=${today}`, { token: tokenA });
    expect(backwards).toMatchObject({ status: 400, json: { code: 'bad_request', errors: [{ path: 'to', message: 'The end date must be after the start date' }] } });
    const zone = await call(r.series.GET, `/api/v1/reports/series?${range.replace('UTC', 'Mars/Olympus')}`, { token: tokenA });
    expect(zone.status).toBe(400);
    expect(JSON.stringify(zone.json)).toContain('Unknown time zone');
  });

  it("never shows another workspace's figures", async () => {
    const b = await call(r.summary.GET, `/api/v1/reports/summary?${range}`, { token: tokenB });
    expect(b.json.current.counts).toMatchObject({ conversations: 1, messagesIn: 1, messagesOut: 0, transfers: 0, ratings: 0 });
    const bAgents = await call(r.agents.GET, `/api/v1/reports/agents?${range}`, { token: tokenB });
    expect(bAgents.json.agents.every((a: any) => a.agentId === B.agents[0].id)).toBe(true);
    // Filtering B's token by A's agent finds nothing of A's.
    const foreign = await call(r.agents.GET, `/api/v1/reports/agents?${range}&agentId=${A.agents[0].id}`, { token: tokenB });
    expect(foreign.json.agents).toEqual([]);
    expect(foreign.json.total.counts.chats).toBe(0);
    const a = await call(r.summary.GET, `/api/v1/reports/summary?${range}`, { token: tokenA });
    expect(a.json.current.counts.conversations).toBe(2);
  });
});
