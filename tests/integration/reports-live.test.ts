import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * The reporting log written by the REAL use cases (sockets -> chat service -> PostgreSQL), then read back
 * through the HTTP routes (/api/reports/*): summary, series, agents, CSV (BOM, formula neutralising), raw
 * export, validation, roles and tenancy.
 */
const h = new ChatHarness();
let node: RealtimeServer;
let a: TestWorkspace;
let b: TestWorkspace;
let auth: typeof import('../../src/lib/auth');
let routes: {
  summary: typeof import('../../src/app/api/reports/summary/route');
  series: typeof import('../../src/app/api/reports/series/route');
  agents: typeof import('../../src/app/api/reports/agents/route');
  exportCsv: typeof import('../../src/app/api/reports/export.csv/route');
  raw: typeof import('../../src/app/api/reports/conversations.csv/route');
};
let conversationId: string;
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const range = `from=${today}&to=${tomorrow}&tz=UTC`;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function get(handler: unknown, path: string): Promise<Response> {
  return (handler as Handler)(new Request(`http://localhost${path}`), { params: Promise.resolve({}) });
}
async function json(handler: unknown, path: string) {
  const res = await get(handler, path);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
function as(ws: TestWorkspace, id: string, role: SessionUser['role']) {
  auth.setSessionResolver(async () => ({ id, workspaceId: ws.workspaceId, email: `${id}@x.test`, name: 'x', role }));
}

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  auth = await startWebServices(h);
  routes = {
    summary: await import('../../src/app/api/reports/summary/route'),
    series: await import('../../src/app/api/reports/series/route'),
    agents: await import('../../src/app/api/reports/agents/route'),
    exportCsv: await import('../../src/app/api/reports/export.csv/route'),
    raw: await import('../../src/app/api/reports/conversations.csv/route'),
  };
  a = await h.createWorkspace(2);
  b = await h.createWorkspace(1);
  await h.saveSettings(node, a.workspaceId, 'satisfaction', {
    enabled: true,
    maxInvitations: 2,
    allowOverwrite: false,
    agentsSeeResults: false,
    scheme: { scale: 5, levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: `L${score}`, tags: [] })), solvedEnabled: false },
  });

  const ann = await h.staff(node, a.workspaceId, a.agents[0].id);
  const ben = await h.staff(node, a.workspaceId, a.agents[1].id);
  await request(ann, 'status.set', { status: 'online' });
  await request(ben, 'status.set', { status: 'online' });
  const { socket: visitor } = await h.visitor(node, a.widgetKey);
  const started = await request(visitor, 'chat.start', { channel: 'mobile' });
  conversationId = started.conversation.id;
  const holder = started.conversation.agentId === a.agents[0].id ? ann : ben;
  const other = holder === ann ? ben : ann;
  const otherId = holder === ann ? a.agents[1].id : a.agents[0].id;

  await request(visitor, 'message.send', { conversationId, clientMsgId: 'v1', body: 'hello' });
  await request(visitor, 'message.send', { conversationId, clientMsgId: 'v2', body: 'anyone?' });
  await request(holder, 'message.send', { conversationId, clientMsgId: 'a1', body: 'hi, how can I help' });
  await request(holder, 'note.add', { conversationId, body: 'needs the other desk' });
  // A tag whose name would be a spreadsheet formula: the CSV must neutralise it.
  const { rows: tag } = await h.database.db.execute<{ id: string }>(sql`insert into tags (workspace_id, name, color) values (${a.workspaceId}, '=HYPERLINK("x")', 'gray') returning id`);
  expect((await request(holder, 'conversation.tags.set', { conversationId, tagIds: [tag[0].id] })).ok).toBe(true);
  const arrived = nextEvent(other, 'conversation.assigned');
  expect((await request(holder, 'chat.transfer', { conversationId, to: { type: 'agent', id: otherId } })).ok).toBe(true);
  await arrived;
  await request(visitor, 'message.send', { conversationId, clientMsgId: 'v3', body: 'thanks' });
  await request(other, 'message.send', { conversationId, clientMsgId: 'b1', body: 'here I am' });
  await request(other, 'rating.invite', { conversationId });
  expect((await request(visitor, 'rating.submit', { conversationId, score: 5 })).ok).toBe(true);
  expect((await request(other, 'chat.end', { conversationId })).ok).toBe(true);
  // Another tenant's chat the same day.
  const bob = await h.staff(node, b.workspaceId, b.agents[0].id);
  await request(bob, 'status.set', { status: 'online' });
  const { socket: visitorB } = await h.visitor(node, b.widgetKey);
  const startedB = await request(visitorB, 'chat.start', {});
  await request(visitorB, 'message.send', { conversationId: startedB.conversation.id, clientMsgId: 'x', body: 'hi' });
}, 60_000);

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

describe('reporting log from the real use cases', () => {
  it('writes one row per reported change, in order, with the dimensions at the time', async () => {
    const { rows } = await h.database.db.execute<{ kind: string; agent_id: string | null; channel: string; tags: string[]; value_s: number | null; cycle: number }>(sql`
      select kind, agent_id, channel, tags, value_s, cycle, weight from report_events where conversation_id = ${conversationId} order by id`);
    const kinds = rows.map((r) => r.kind);
    expect(kinds).toEqual([
      'cycle_started',
      'assigned',
      'cycle_handled', // attributed to the assignee (+1)
      'msg_in',
      'msg_in',
      'msg_out',
      'first_response',
      'agent_first_response',
      'transfer',
      'cycle_handled', // the first assignee's attribution taken back (-1)
      'cycle_handled', // and given to the new one (+1)
      'msg_in',
      'msg_out',
      'agent_first_response',
      'rating_invited',
      'rating',
      'resolution',
      'handle',
    ]);
    expect(rows.every((r) => r.channel === 'mobile' && r.cycle === 1)).toBe(true);
    // Tags as they were: none before tagging, the tag after.
    expect(rows[5].tags).toEqual([]);
    expect(rows[8].tags).toEqual(['=HYPERLINK("x")']);
    // Attribution: +1 for the first assignee, -1 with the same dimensions, +1 for the second.
    const handled = rows.filter((r) => r.kind === 'cycle_handled') as unknown as { agent_id: string; tags: string[]; weight: number }[];
    expect(handled.map((r) => r.weight)).toEqual([1, -1, 1]);
    expect(handled[1].agent_id).toBe(handled[0].agent_id);
    expect(handled[1].tags).toEqual(handled[0].tags);
    expect(handled[2].agent_id).toBe(rows[8].agent_id);
    // Both agent messages answered the visitor: each carries a reply time; the first is from the FIRST of the two visitor messages.
    expect(rows[5].value_s).not.toBeNull();
    expect(rows[12].value_s).not.toBeNull();
    // The note and the system messages ("transferred", "ended") wrote nothing.
    expect(kinds.filter((k) => k === 'msg_out')).toHaveLength(2);
    const { rows: status } = await h.database.db.execute<{ n: number }>(sql`select count(*)::int as n from report_events where workspace_id = ${a.workspaceId} and kind = 'agent_status'`);
    expect(status[0].n).toBe(2);
  });
});

describe('/api/reports', () => {
  it('summary and series agree, per the same rows', async () => {
    as(a, a.adminId, 'admin');
    const summary = await json(routes.summary.GET, `/api/reports/summary?${range}`);
    expect(summary.status).toBe(200);
    expect(summary.body.current.counts).toMatchObject({ conversations: 1, messagesIn: 3, messagesOut: 2, chats: 2, transfers: 1, ratings: 1, positiveRatings: 1, invitations: 1, missed: 0 });
    expect(summary.body.current.rates.csat).toBe(1);
    expect(summary.body.previousRange).toEqual({ from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: today });
    const series = await json(routes.series.GET, `/api/reports/series?${range}&groupBy=hour`);
    expect(series.body.points).toHaveLength(24);
    expect(series.body.total).toEqual(summary.body.current);
    const sum = series.body.points.reduce((n: number, p: any) => n + p.figures.counts.messagesIn, 0);
    expect(sum).toBe(3);
  });

  it('agents: an agent sees only their own row, whatever they ask for', async () => {
    as(a, a.agents[1].id, 'agent');
    const mine = await json(routes.agents.GET, `/api/reports/agents?${range}&agentId=${a.agents[0].id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.agents.map((x: any) => x.agentId)).toEqual([a.agents[1].id]);
    as(a, a.adminId, 'supervisor');
    const all = await json(routes.agents.GET, `/api/reports/agents?${range}`);
    expect(all.body.agents).toHaveLength(2);
    expect(all.body.agents.reduce((n: number, x: any) => n + x.figures.counts.chats, 0)).toBe(2);
  });

  it('tenancy: another workspace sees its own chat only', async () => {
    as(b, b.adminId, 'admin');
    const summary = await json(routes.summary.GET, `/api/reports/summary?${range}`);
    expect(summary.body.current.counts).toMatchObject({ conversations: 1, messagesIn: 1, messagesOut: 0, transfers: 0, ratings: 0 });
    const foreign = await json(routes.summary.GET, `/api/reports/summary?${range}&agentId=${a.agents[0].id}`);
    expect(foreign.body.current.counts.chats).toBe(0);
  });

  it('refuses bad input with human messages, and anyone signed out', async () => {
    as(a, a.adminId, 'admin');
    const badZone = await json(routes.summary.GET, `/api/reports/summary?from=${today}&to=${tomorrow}&tz=Mars/Olympus`);
    expect(badZone.status).toBe(400);
    expect(JSON.stringify(badZone.body)).toContain('Unknown time zone');
    const backwards = await json(routes.summary.GET, `/api/reports/summary?from=${tomorrow}&to=${today}`);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('The end date must be after the start date');
    auth.setSessionResolver(async () => null);
    expect((await json(routes.summary.GET, `/api/reports/summary?${range}`)).status).toBe(401);
  });

  it('CSV of what is on screen: BOM, header, the same figures', async () => {
    as(a, a.adminId, 'admin');
    const res = await get(routes.exportCsv.GET, `/api/reports/export.csv?${range}&view=summary`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\n');
    const header = lines[0].split(',');
    const current = lines[1].split(',');
    expect(current[header.indexOf('conversations')]).toBe('1');
    expect(current[header.indexOf('messagesIn')]).toBe('3');
    expect(current[header.indexOf('csatRate')]).toBe('1');
  });

  it('raw export: one row per conversation cycle, formula-looking cells neutralised', async () => {
    as(a, a.adminId, 'admin');
    const res = await get(routes.raw.GET, `/api/reports/conversations.csv?${range}`);
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3));
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('conversation_id,cycle,started_at');
    expect(lines[1]).toContain(conversationId);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain(',mobile,');
  });
});
