import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversations, customers, ratings, submissions, visitors } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { TimelineEntry } from '../../src/domain/crm/timeline';
import { ChatHarness, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/** Issue 21 item 7 (c): the contact timeline of GET /api/admin/customers/:id on a real database. */
const h = new ChatHarness();
let auth: typeof import('../../src/lib/auth');
let customerRoute: typeof import('../../src/app/api/admin/customers/[id]/route');
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  await h.setup();
  auth = await startWebServices(h);
  customerRoute = await import('../../src/app/api/admin/customers/[id]/route');
  ws = await h.createWorkspace(1);
  other = await h.createWorkspace(1);
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

async function get(user: SessionUser, id: string) {
  auth.setSessionResolver(async () => user);
  const res = await customerRoute.GET(new Request(`http://localhost/api/admin/customers/${id}`), { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json()) as { timeline: TimelineEntry[]; ratingsVisible: boolean } };
}

describe('contact timeline', () => {
  it('lists the conversations, ratings and submissions of the person (all their devices) oldest first, nobody else’s', async () => {
    const db = h.database.db;
    const wid = ws.workspaceId;
    const [customer] = await db.insert(customers).values({ workspaceId: wid, partnerId: null, name: 'Jane', email: 'jane@example.com' }).returning({ id: customers.id });
    // Two devices of Jane, and a stranger.
    const [laptop, phone, stranger] = await db
      .insert(visitors)
      .values([{ workspaceId: wid, customerId: customer.id }, { workspaceId: wid, customerId: customer.id }, { workspaceId: wid }])
      .returning({ id: visitors.id });
    const at = (iso: string) => new Date(iso);
    const [first] = await db
      .insert(conversations)
      .values({ workspaceId: wid, visitorId: laptop.id, customerId: customer.id, agentId: ws.agents[0].id, status: 'ended', channel: 'desktop', startedAt: at('2026-01-01T10:00:00Z'), endedAt: at('2026-01-01T10:20:00Z') })
      .returning({ id: conversations.id });
    const [second] = await db
      .insert(conversations)
      .values({ workspaceId: wid, visitorId: phone.id, customerId: customer.id, status: 'active', channel: 'mobile', startedAt: at('2026-01-03T09:00:00Z') })
      .returning({ id: conversations.id });
    const [strangers] = await db
      .insert(conversations)
      .values({ workspaceId: wid, visitorId: stranger.id, status: 'ended', channel: 'desktop', startedAt: at('2026-01-02T09:00:00Z') })
      .returning({ id: conversations.id });
    await db.insert(ratings).values([
      { workspaceId: wid, conversationId: first.id, visitorId: laptop.id, customerId: customer.id, scale: 5, score: 4, label: 'Good', comment: 'Quick', createdAt: at('2026-01-01T10:21:00Z') },
      { workspaceId: wid, conversationId: strangers.id, visitorId: stranger.id, scale: 5, score: 1, label: 'Bad', createdAt: at('2026-01-02T09:30:00Z') },
    ]);
    await db.insert(submissions).values([
      { workspaceId: wid, number: 1, visitorId: phone.id, channel: 'mobile', trigger: 'outside_working_hours', mode: 'form', fields: { content: 'Call me back' }, createdAt: at('2026-01-02T20:00:00Z') },
      { workspaceId: wid, number: 2, visitorId: stranger.id, channel: 'desktop', trigger: 'queue_full', mode: 'form', fields: { content: 'Not Jane' }, createdAt: at('2026-01-02T21:00:00Z') },
    ]);

    const admin: SessionUser = { id: ws.adminId, workspaceId: wid, email: 'a@x.test', name: 'Admin', role: 'admin' };
    const res = await get(admin, customer.id);
    expect(res.status).toBe(200);
    expect(res.json.timeline.map((e) => [e.kind, e.at])).toEqual([
      ['conversation', '2026-01-01T10:00:00.000Z'],
      ['rating', '2026-01-01T10:21:00.000Z'],
      ['submission', '2026-01-02T20:00:00.000Z'],
      ['conversation', '2026-01-03T09:00:00.000Z'],
    ]);
    expect(res.json.timeline[0]).toMatchObject({ id: first.id, status: 'ended', channel: 'desktop', agentName: expect.any(String), endedAt: '2026-01-01T10:20:00.000Z' });
    expect(res.json.timeline[1]).toMatchObject({ conversationId: first.id, score: 4, scale: 5, label: 'Good', comment: 'Quick' });
    expect(res.json.timeline[2]).toMatchObject({ number: 1, status: 'open', content: 'Call me back' });
    expect(res.json.timeline[3]).toMatchObject({ id: second.id, status: 'active', agentName: null, endedAt: null });

    // An agent who may not see satisfaction results gets no ratings in the timeline.
    const agent: SessionUser = { id: ws.agents[0].id, workspaceId: wid, email: 'g@x.test', name: 'Agent', role: 'agent' };
    const asAgent = await get(agent, customer.id);
    expect(asAgent.json.ratingsVisible).toBe(false);
    expect(asAgent.json.timeline.map((e) => e.kind)).toEqual(['conversation', 'submission', 'conversation']);

    // Another workspace cannot read it.
    const outsider: SessionUser = { id: other.adminId, workspaceId: other.workspaceId, email: 'o@x.test', name: 'Other', role: 'admin' };
    expect((await get(outsider, customer.id)).status).toBe(404);
  });
});
