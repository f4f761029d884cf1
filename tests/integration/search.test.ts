import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversations, conversationTags, customers, messages, ratings, skillGroups, tags, userSkillGroups, visitors } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { SearchResult } from '../../src/domain/search/service';
import { ChatHarness, TEST_AUTH_SECRET, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';

/**
 * Conversation search and transcripts (F11 history): the route handlers against a real database —
 * full-text ranking, prefix matching, CJK substring matching, filters, role scoping, transcripts.
 */

const h = new ChatHarness();
let auth: typeof import('../../src/lib/auth');
let searchRoute: typeof import('../../src/app/api/conversations/search/route');
let transcriptRoute: typeof import('../../src/app/api/conversations/[id]/transcript/route');
let a: TestWorkspace;
let b: TestWorkspace;
const u = {} as Record<'admin' | 'agent1' | 'agent2' | 'adminB', SessionUser>;
const ids = {} as Record<'many' | 'once' | 'cjk' | 'group' | 'other' | 'rated' | 'wsB', string>;


async function seed(ws: TestWorkspace, c: { visitor: string; agentId?: string | null; groupId?: string | null; status?: 'active' | 'ended'; channel?: 'desktop' | 'mobile' | 'app'; startedAt: string; bodies: string[] }): Promise<string> {
  const db = h.database.db;
  const [v] = await db.insert(visitors).values({ workspaceId: ws.workspaceId, name: c.visitor }).returning({ id: visitors.id });
  const startedAt = new Date(c.startedAt);
  const [conv] = await db
    .insert(conversations)
    .values({ workspaceId: ws.workspaceId, visitorId: v.id, agentId: c.agentId ?? null, groupId: c.groupId ?? null, status: c.status ?? 'ended', channel: c.channel ?? 'desktop', startedAt, lastSeq: c.bodies.length, endedAt: c.status === 'active' ? null : startedAt })
    .returning({ id: conversations.id });
  await db.insert(messages).values(
    c.bodies.map((body, i) => ({
      workspaceId: ws.workspaceId,
      conversationId: conv.id,
      seq: i + 1,
      senderType: i % 2 === 0 ? ('visitor' as const) : ('agent' as const),
      senderId: i % 2 === 0 ? v.id : (c.agentId ?? null),
      body,
      createdAt: new Date(startedAt.getTime() + i * 1000),
    })),
  );
  return conv.id;
}

async function search(user: SessionUser, query: Record<string, string>) {
  auth.setSessionResolver(async () => user);
  const res = await searchRoute.GET(new Request(`http://localhost/api/conversations/search?${new URLSearchParams(query)}`), { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as { ok: boolean; items: SearchResult[]; hasMore: boolean; error: { code: string; message: string } } };
}

const found = (r: { json: { items: SearchResult[] } }) => r.json.items.map((i) => i.conversation.id);

/** Searches until the expected conversations are found: messages become searchable shortly after they are written. */
async function searchable(user: SessionUser, query: Record<string, string>, expected: string[]) {
  await vi.waitFor(async () => expect(found(await search(user, query))).toEqual(expected), { timeout: 10_000, interval: 50 });
}

beforeAll(async () => {
  await h.setup();
  // The worker fills the search index shortly after messages are written (issue 27).
  await h.startWorker();
  auth = await startWebServices(h);
  searchRoute = await import('../../src/app/api/conversations/search/route');
  transcriptRoute = await import('../../src/app/api/conversations/[id]/transcript/route');

  a = await h.createWorkspace(3);
  b = await h.createWorkspace(1);
  const user = (ws: TestWorkspace, id: string, role: SessionUser['role']): SessionUser => ({ id, workspaceId: ws.workspaceId, email: `${id}@x.test`, name: 'x', role });
  u.admin = user(a, a.adminId, 'admin');
  u.agent1 = user(a, a.agents[0].id, 'agent');
  u.agent2 = user(a, a.agents[1].id, 'agent');
  u.adminB = user(b, b.adminId, 'admin');
  const [billing] = await h.database.db.insert(skillGroups).values({ workspaceId: a.workspaceId, name: 'Billing' }).returning({ id: skillGroups.id });
  await h.database.db.insert(userSkillGroups).values({ userId: a.agents[0].id, groupId: billing.id, workspaceId: a.workspaceId });

  ids.many = await seed(a, { visitor: 'Ada', agentId: a.agents[0].id, startedAt: '2026-03-01T10:00:00Z', bodies: ['Hello', 'Refund? Our refund policy covers a refund within 30 days, refund requests go to billing'] });
  ids.once = await seed(a, { visitor: 'Bob', agentId: a.agents[0].id, channel: 'mobile', startedAt: '2026-03-02T10:00:00Z', bodies: ['I would like a refund for order 1234 because the parcel arrived damaged and the box was open', 'Sure'] });
  ids.cjk = await seed(a, { visitor: '山田', agentId: a.agents[0].id, startedAt: '2026-03-03T10:00:00Z', bodies: ['東京タワーの営業時間を教えてください', '営業時間は9時から23時までです'] });
  // Agent 3's chat in agent 1's group: agent 1 sees it, agent 2 does not.
  ids.group = await seed(a, { visitor: 'Cleo', agentId: a.agents[2].id, groupId: billing.id, startedAt: '2026-03-04T10:00:00Z', bodies: ['Invoice question about a refund'] });
  ids.other = await seed(a, { visitor: 'Dan', agentId: a.agents[1].id, status: 'active', startedAt: '2026-03-05T10:00:00Z', bodies: ['Where is my parcel? <script>alert(1)</script>'] });
  ids.rated = await seed(a, { visitor: 'Eve', agentId: a.agents[1].id, channel: 'app', startedAt: '2026-02-10T10:00:00Z', bodies: ['Thanks, great help'] });
  const [eve] = await h.database.db.select({ visitorId: conversations.visitorId }).from(conversations).where(eqId(ids.rated));
  await h.database.db.insert(ratings).values({ workspaceId: a.workspaceId, conversationId: ids.rated, visitorId: eve.visitorId, agentId: a.agents[1].id, scale: 5, score: 5, label: 'Very satisfied' });
  ids.wsB = await seed(b, { visitor: 'Zed', agentId: b.agents[0].id, startedAt: '2026-03-01T10:00:00Z', bodies: ['refund refund refund'] });
  // Messages are indexed in the order they were written: once the last one is searchable, all are.
  await searchable(u.adminB, { q: 'refund' }, [ids.wsB]);
});

import { eq, inArray } from 'drizzle-orm';
import { startWebServices, stopWebServices } from '../helpers/web';
function eqId(id: string) {
  return eq(conversations.id, id);
}

afterEach(() => auth?.setSessionResolver(null));

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

describe('conversation search', () => {
  it('ranks the conversation that talks most about the word first, and highlights the match', async () => {
    const r = await search(u.admin, { q: 'refund' });
    expect(r.status).toBe(200);
    // Most occurrences first; with one occurrence each, the shorter (more focused) message ranks higher.
    expect(found(r)).toEqual([ids.many, ids.group, ids.once]);
    expect(found(r)).not.toContain(ids.wsB);
    const best = r.json.items[0].match!;
    expect(best.seq).toBe(2);
    const marked = best.snippet.highlights.map(([s, e]) => best.snippet.text.slice(s, e).toLowerCase());
    expect(marked.length).toBeGreaterThanOrEqual(3);
    expect(new Set(marked)).toEqual(new Set(['refund']));
  });

  it('matches word prefixes while typing and needs every word', async () => {
    expect(found(await search(u.admin, { q: 'refu' }))).toEqual(expect.arrayContaining([ids.many, ids.once, ids.group]));
    expect(found(await search(u.admin, { q: 'refund parcel' }))).toEqual([ids.once]);
    expect(found(await search(u.admin, { q: 'nothing-like-this' }))).toEqual([]);
    // Operators typed by a user are just text.
    expect((await search(u.admin, { q: "refund & !parcel | ('" })).status).toBe(200);
  });

  it('finds Chinese/Japanese text inside sentences (no spaces between words)', async () => {
    const r = await search(u.admin, { q: '営業時間' });
    expect(found(r)).toEqual([ids.cjk]);
    const m = r.json.items[0].match!;
    expect(m.snippet.highlights.map(([s, e]) => m.snippet.text.slice(s, e))).toEqual(['営業時間']);
    expect(found(await search(u.admin, { q: '大阪' }))).toEqual([]);
    expect(found(await search(u.admin, { q: 'タワー' }))).toEqual([ids.cjk]);
    // One or two characters (no trigram), searched by an admin and within an agent's conversations.
    expect(found(await search(u.admin, { q: '東京' }))).toEqual([ids.cjk]);
    expect(found(await search(u.agent1, { q: '東京' }))).toEqual([ids.cjk]);
    expect(found(await search(u.agent1, { q: '営' }))).toEqual([ids.cjk]);
    expect(found(await search(u.agent2, { q: '営' }))).toEqual([]);
  });

  it('scopes by role: agents see their own and their groups’ conversations, admins all, never another workspace', async () => {
    expect(found(await search(u.agent1, { q: 'refund' })).sort()).toEqual([ids.many, ids.once, ids.group].sort());
    expect(found(await search(u.agent2, { q: 'refund' }))).toEqual([]);
    expect(found(await search(u.agent2, {})).sort()).toEqual([ids.other, ids.rated].sort());
    expect(found(await search(u.admin, {}))).toHaveLength(6);
    expect(found(await search(u.adminB, { q: 'refund' }))).toEqual([ids.wsB]);
  });

  it('filters by status, agent, group, channel, rating and date range', async () => {
    expect(found(await search(u.admin, { status: 'active' }))).toEqual([ids.other]);
    expect(found(await search(u.admin, { agentId: a.agents[1].id })).sort()).toEqual([ids.other, ids.rated].sort());
    expect(found(await search(u.admin, { groupId: (await groupOf(ids.group))! }))).toEqual([ids.group]);
    expect(found(await search(u.admin, { channel: 'mobile', q: 'refund' }))).toEqual([ids.once]);
    expect(found(await search(u.admin, { rating: '5' }))).toEqual([ids.rated]);
    expect(found(await search(u.admin, { rating: 'unrated' }))).not.toContain(ids.rated);
    expect(found(await search(u.admin, { from: '2026-03-02', to: '2026-03-03' })).sort()).toEqual([ids.once, ids.cjk].sort());
    // Newest first without text.
    expect(found(await search(u.admin, {}))[0]).toBe(ids.other);
    const paged = await search(u.admin, { limit: '2', page: '2' });
    expect(paged.json.items).toHaveLength(2);
    expect(paged.json.hasMore).toBe(true);
  });

  it('filters by tag, alone or with words, and lists each result’s tags', async () => {
    const db = h.database.db;
    const [vip, billing, other] = await db
      .insert(tags)
      .values([
        { workspaceId: a.workspaceId, name: 'VIP', color: '#7c3aed' },
        { workspaceId: a.workspaceId, name: 'Billing', color: '#0ea5e9' },
        { workspaceId: b.workspaceId, name: 'VIP', color: '#7c3aed' },
      ])
      .returning({ id: tags.id });
    await db.insert(conversationTags).values([
      { workspaceId: a.workspaceId, conversationId: ids.once, tagId: vip.id },
      { workspaceId: a.workspaceId, conversationId: ids.once, tagId: billing.id },
      { workspaceId: a.workspaceId, conversationId: ids.rated, tagId: vip.id },
      { workspaceId: b.workspaceId, conversationId: ids.wsB, tagId: other.id },
    ]);
    try {
      expect(found(await search(u.admin, { tagId: vip.id })).sort()).toEqual([ids.once, ids.rated].sort());
      const r = await search(u.admin, { tagId: vip.id, q: 'refund' });
      expect(found(r)).toEqual([ids.once]);
      expect(r.json.items[0].conversation.tags.map((t) => t.name)).toEqual(['Billing', 'VIP']);
      expect(r.json.items[0].match?.seq).toBe(1);
      // Combined with the other filters; another workspace's tag finds nothing here.
      expect(found(await search(u.admin, { tagId: vip.id, channel: 'app' }))).toEqual([ids.rated]);
      expect(found(await search(u.admin, { tagId: other.id }))).toEqual([]);
      // Scope still applies: agent 2 served the rated chat, not the refund one.
      expect(found(await search(u.agent2, { tagId: vip.id }))).toEqual([ids.rated]);
      expect((await search(u.admin, {})).json.items.find((i) => i.conversation.id === ids.many)?.conversation.tags).toEqual([]);
      const bad = await search(u.admin, { tagId: 'vip' });
      expect(bad.status).toBe(400);
    } finally {
      await db.delete(tags).where(inArray(tags.id, [vip.id, billing.id, other.id]));
    }
  });

  it('refuses bad filters with a clear message', async () => {
    const bad = await search(u.admin, { from: '2026-03-05', to: '2026-03-01' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/"From" must not be after "to"/);
    expect((await search(u.admin, { status: 'nope' })).status).toBe(400);
    expect((await search(u.admin, { q: 'x'.repeat(201) })).json.error.message).toMatch(/too long/);
  });

  it('finds chats by the contact: visitor or customer name or email, a customer field or a pre-chat answer (issue 21 item 7)', async () => {
    const db = h.database.db;
    const [customer] = await db.insert(customers).values({ workspaceId: a.workspaceId, partnerId: null, name: 'Grace Hopper', email: 'grace@navy.example', params: { plan: 'Enterprise-77' } }).returning({ id: customers.id });
    const withCustomer = await seed(a, { visitor: 'Visitor 1', agentId: a.agents[1].id, startedAt: '2026-01-10T10:00:00Z', bodies: ['hi'] });
    await db.update(conversations).set({ customerId: customer.id }).where(eqId(withCustomer));
    const withPrechat = await seed(a, { visitor: 'Henry', agentId: a.agents[0].id, startedAt: '2026-01-11T10:00:00Z', bodies: ['hello'] });
    const [henry] = await db.select({ visitorId: conversations.visitorId }).from(conversations).where(eqId(withPrechat));
    await db
      .update(visitors)
      .set({ email: 'henry@Example.org', prechat: { submittedAt: '2026-01-11T10:00:00Z', fields: [{ key: 'order', label: 'Order', value: 'ORD-5521' }], group: null, consent: null } })
      .where(eq(visitors.id, henry.visitorId));

    expect(found(await search(u.admin, { contact: 'grace hop' }))).toEqual([withCustomer]);
    expect(found(await search(u.admin, { contact: 'NAVY.example' }))).toEqual([withCustomer]);
    expect(found(await search(u.admin, { contact: 'enterprise-77' }))).toEqual([withCustomer]);
    expect(found(await search(u.admin, { contact: 'henry@example.org' }))).toEqual([withPrechat]);
    expect(found(await search(u.admin, { contact: 'ORD-55' }))).toEqual([withPrechat]);
    expect(found(await search(u.admin, { contact: 'Henry' }))).toEqual([withPrechat]);
    // Combined with text search and the other filters; LIKE wildcards are taken literally.
    await searchable(u.admin, { contact: 'henry', q: 'hello' }, [withPrechat]);
    expect(found(await search(u.admin, { contact: 'henry', q: 'refund' }))).toEqual([]);
    expect(found(await search(u.admin, { contact: '%' }))).toEqual([]);
    // Scoping holds: agent 1 does not see agent 2's chat; another workspace sees nothing.
    expect(found(await search(u.agent1, { contact: 'grace' }))).toEqual([]);
    expect(found(await search(u.agent2, { contact: 'grace' }))).toEqual([withCustomer]);
    expect(found(await search(u.adminB, { contact: 'grace' }))).toEqual([]);
    expect((await search(u.admin, { contact: 'x'.repeat(201) })).json.error.message).toMatch(/Contact is too long/);
  });
});

async function groupOf(id: string): Promise<string | null> {
  const [row] = await h.database.db.select({ groupId: conversations.groupId }).from(conversations).where(eqId(id));
  return row.groupId;
}

describe('transcripts', () => {
  async function transcript(user: SessionUser, id: string, format: string) {
    auth.setSessionResolver(async () => user);
    return transcriptRoute.GET(new Request(`http://localhost/api/conversations/${id}/transcript?format=${format}`), { params: Promise.resolve({ id }) });
  }

  it('downloads as text or self-contained HTML (escaped), for staff who may read the chat', async () => {
    const txt = await transcript(u.admin, ids.other, 'txt');
    expect(txt.headers.get('content-disposition')).toMatch(/^attachment; filename="transcript-2026-03-05-/);
    const text = await txt.text();
    expect(text).toContain('Visitor: Dan');
    expect(text).toContain('Dan: Where is my parcel? <script>alert(1)</script>');
    // Issue 22 item 6: downloads are never sniffed and sandboxed if opened (the HTML transcript runs nothing).
    expect(txt.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(txt.headers.get('x-content-type-options')).toBe('nosniff');
    const htmlRes = await transcript(u.agent2, ids.other, 'html');
    expect(htmlRes.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(htmlRes.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await htmlRes.text();
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<script>');
    expect((await transcript(u.agent1, ids.other, 'txt')).status).toBe(404);
    expect((await transcript(u.adminB, ids.other, 'txt')).status).toBe(404);
    expect((await transcript(u.admin, ids.other, 'pdf')).status).toBe(400);
  });
});
