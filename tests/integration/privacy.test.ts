import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachments, conversations, customers, messages, outbox, ratings, settingsAudit, visitorDevices, visitors } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import type { AttachmentDto } from '../../src/domain/conversations/types';
import type { RealtimeServer } from '../../src/realtime/server';
import { startWorker } from '../../src/worker/worker';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 22, data rights: export and erase one customer through the console's route handlers (admin only,
 * audit-logged), on real PostgreSQL, Redis and a local attachment store; retention run by a real worker.
 */
const h = new ChatHarness();
const dir = mkdtempSync(path.join(tmpdir(), 'lc-privacy-'));
let node: RealtimeServer;
let auth: typeof import('../../src/lib/auth');
let uploadRoute: typeof import('../../src/app/api/attachments/route');
let fileRoute: typeof import('../../src/app/api/files/[id]/[variant]/route');
let exportRoute: typeof import('../../src/app/api/admin/customers/[id]/export/route');
let eraseRoute: typeof import('../../src/app/api/admin/customers/[id]/erase/route');
let ws: TestWorkspace;
let agent: Awaited<ReturnType<ChatHarness['staff']>>;
let admin: SessionUser;
let agentUser: SessionUser;

const as = (user: SessionUser | null) => auth.setSessionResolver(async () => user);
const png = (seed: number) => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: seed, g: 100, b: 50 } } }).png().toBuffer();

function filesIn(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesIn(full) : [full];
  });
}

async function upload(token: string, conversationId: string, data: Buffer, name: string): Promise<AttachmentDto> {
  as(null);
  const res = await uploadRoute.POST(new Request(`http://localhost/api/attachments?${new URLSearchParams({ conversationId, name })}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(data) }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { attachment: AttachmentDto }).attachment;
}

/** A customer (partnerid) with a chat: a text, a photo, an agent reply and a rating. Returns its ids. */
async function customerChat(partnerId: string, secret: string, options: { end?: boolean } = {}) {
  const socket = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, partnerId, name: `Name ${partnerId}`, email: `${partnerId}@mail.test` });
  const session = await nextEvent<{ token: string; visitorId: string }>(socket, 'session');
  const started = await request(socket, 'chat.start', {});
  const conversationId = started.conversation.id as string;
  await request(socket, 'message.send', { conversationId, clientMsgId: `${partnerId}-1`, body: `my order number is ${secret}` });
  const photo = await upload(session.token, conversationId, await png(secret.length * 10), 'receipt.png');
  await request(socket, 'message.send', { conversationId, clientMsgId: `${partnerId}-2`, body: '', attachmentIds: [photo.id] });
  await request(agent, 'message.send', { conversationId, clientMsgId: `${partnerId}-a`, body: `Thanks, looking at ${secret}` });
  expect(await request(socket, 'rating.submit', { conversationId, score: 4, comment: `rated ${secret}` })).toMatchObject({ ok: true });
  if (options.end) await request(agent, 'chat.end', { conversationId });
  return { socket, visitorId: session.visitorId, token: session.token, conversationId, photo };
}

const customerId = async (partnerId: string) => (await h.database.db.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, ws.workspaceId), eq(customers.partnerId, partnerId))))[0]?.id;

beforeAll(async () => {
  Object.assign(process.env, { ATTACHMENTS_DIR: dir });
  await h.setup();
  node = await h.startNode();
  auth = await startWebServices(h, { ATTACHMENTS_DIR: dir });
  uploadRoute = await import('../../src/app/api/attachments/route');
  fileRoute = await import('../../src/app/api/files/[id]/[variant]/route');
  exportRoute = await import('../../src/app/api/admin/customers/[id]/export/route');
  eraseRoute = await import('../../src/app/api/admin/customers/[id]/erase/route');
  ws = await h.createWorkspace(1, { receptionLimit: 50 });
  admin = { id: ws.adminId, workspaceId: ws.workspaceId, email: '', name: 'Admin', role: 'admin' };
  agentUser = { id: ws.agents[0].id, workspaceId: ws.workspaceId, email: ws.agents[0].email, name: ws.agents[0].name, role: 'agent' };
  agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'optional' });
  await h.saveSettings(node, ws.workspaceId, 'satisfaction', {
    enabled: true,
    maxInvitations: 2,
    allowOverwrite: true,
    agentsSeeResults: true,
    scheme: { scale: 5, levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: `L${score}`, tags: [] })), solvedEnabled: false },
  });
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
  rmSync(dir, { recursive: true, force: true });
});

type Ctx = { params: Promise<{ id: string }> };
const ctx = (id: string) => ({ params: Promise.resolve({ id }) }) as Ctx;

describe('data rights: one customer', () => {
  it('export: profile, visitors, conversations with messages, rating and working attachment links; admins only; audit-logged', async () => {
    const first = await customerChat('exp-1', 'EXP-4711', { end: true });
    await customerChat('exp-1', 'EXP-4712');
    const id = await customerId('exp-1');
    as(agentUser);
    expect((await exportRoute.GET(new Request(`http://localhost/api/admin/customers/${id}/export`), ctx(id))).status).toBe(403);
    as(admin);
    const res = await exportRoute.GET(new Request(`http://localhost/api/admin/customers/${id}/export`), ctx(id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="customer-.+\.json"$/);
    const data = (await res.json()) as any;
    expect(data.customer).toMatchObject({ id, partnerId: 'exp-1', name: 'Name exp-1', email: 'exp-1@mail.test' });
    expect(data.visitors.map((v: { id: string }) => v.id)).toContain(first.visitorId);
    expect(data.conversations).toHaveLength(2);
    const [ended, live] = data.conversations;
    expect(ended).toMatchObject({ id: first.conversationId, status: 'ended', agent: ws.agents[0].name, rating: { score: 4, comment: 'rated EXP-4711' } });
    expect(ended.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual(
      expect.arrayContaining([
        ['visitor', 'my order number is EXP-4711'],
        ['agent', 'Thanks, looking at EXP-4711'],
      ]),
    );
    expect(live.status).not.toBe('ended');
    expect(ended.attachments).toEqual([expect.objectContaining({ id: first.photo.id, name: 'receipt.png', mime: 'image/png', url: expect.stringContaining(`/api/files/${first.photo.id}/file?`) })]);
    // The link in the export downloads the file.
    const link = new URL(ended.attachments[0].url);
    const [, , , fileId, variant] = link.pathname.split('/');
    const file = await fileRoute.GET(new Request(`http://localhost${link.pathname}${link.search}`), { params: Promise.resolve({ id: fileId, variant }) });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    // Audit: who exported which customer, with no personal data.
    const audit = await h.database.db.select().from(settingsAudit).where(and(eq(settingsAudit.workspaceId, ws.workspaceId), eq(settingsAudit.section, 'privacy')));
    expect(audit.map((a) => a.after)).toContainEqual(expect.objectContaining({ action: 'customer.exported', customerId: id, conversations: 2 }));
    expect(audit.find((a) => (a.after as { action: string }).action === 'customer.exported')?.userId).toBe(ws.adminId);
    expect(JSON.stringify(audit)).not.toContain('exp-1@mail.test');
  });

  it('erase: ends the live chat and leaves nothing behind (rows, search, files, Redis); another customer is untouched', async () => {
    const ended = await customerChat('del-1', 'DEL-9001', { end: true });
    const live = await customerChat('del-1', 'DEL-9002');
    const other = await customerChat('keep-1', 'KEEP-5555', { end: true });
    const id = await customerId('del-1');
    const visitorIds = [ended.visitorId, live.visitorId];
    const conversationIds = [ended.conversationId, live.conversationId];
    const erasedFiles = (await h.database.db.select({ k: attachments.storageKey, t: attachments.thumbKey }).from(attachments).where(inArray(attachments.conversationId, conversationIds))).flatMap((r) => [r.k, r.t]).filter(Boolean) as string[];
    expect(erasedFiles.length).toBeGreaterThan(0);
    const filesBefore = filesIn(dir);
    expect(erasedFiles.every((key) => filesBefore.some((f) => f.endsWith(key)))).toBe(true);
    // The live chat has routing state in Redis (assignment, agent load).
    const before = await redisTraces(conversationIds);
    expect(before.length).toBeGreaterThan(0);

    as(agentUser);
    expect((await eraseRoute.POST(new Request(`http://localhost/api/admin/customers/${id}/erase`, { method: 'POST' }), ctx(id))).status).toBe(403);
    as(admin);
    const liveEnded = nextEvent(agent, 'conversation.updated', (c: { id: string; status: string }) => c.id === live.conversationId && c.status === 'ended').catch(() => null);
    const res = await eraseRoute.POST(new Request(`http://localhost/api/admin/customers/${id}/erase`, { method: 'POST' }), ctx(id));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { erased: object }).erased).toMatchObject({ conversations: 2, messages: expect.any(Number), attachments: 2, visitors: 2 });
    await liveEnded;

    const db = h.database.db;
    expect(await db.select().from(customers).where(eq(customers.id, id))).toEqual([]);
    expect(await db.select().from(visitors).where(inArray(visitors.id, visitorIds))).toEqual([]);
    expect(await db.select().from(visitorDevices).where(inArray(visitorDevices.visitorId, visitorIds))).toEqual([]);
    expect(await db.select().from(conversations).where(inArray(conversations.id, conversationIds))).toEqual([]);
    expect(await db.select().from(messages).where(inArray(messages.conversationId, conversationIds))).toEqual([]);
    expect(await db.select().from(attachments).where(inArray(attachments.conversationId, conversationIds))).toEqual([]);
    expect(await db.select().from(ratings).where(inArray(ratings.visitorId, visitorIds))).toEqual([]);
    expect(await db.select().from(outbox).where(inArray(outbox.conversationId, conversationIds))).toEqual([]);
    // Search: neither the search copy (full-text or substring) nor the messages hold the words any more.
    const found = await db.execute(sql`select (select count(*)::int from message_search where workspace_id = ${ws.workspaceId} and (body_tsv @@ plainto_tsquery('simple', 'DEL-9001') or body ilike '%DEL-900%'))
      + (select count(*)::int from messages where workspace_id = ${ws.workspaceId} and body ilike '%DEL-900%') as n`);
    expect((found.rows[0] as { n: number }).n).toBe(0);
    // Files: the erased customer's are gone from the store, the other customer's are still there.
    const filesAfter = filesIn(dir);
    expect(erasedFiles.filter((key) => filesAfter.some((f) => f.endsWith(key)))).toEqual([]);
    const [kept] = await db.select({ k: attachments.storageKey }).from(attachments).where(eq(attachments.conversationId, other.conversationId));
    expect(filesAfter.some((f) => f.endsWith(kept.k))).toBe(true);
    // Redis: no key, hash field, set or sorted-set member names the visitor, the conversations or the customer.
    expect(await redisTraces([...visitorIds, ...conversationIds, id])).toEqual([]);
    // The other customer keeps everything.
    const kept3 = await db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, other.conversationId));
    expect(kept3.map((m) => m.body)).toContain('my order number is KEEP-5555');
    expect(await customerId('keep-1')).toBeTruthy();
    // Audit entry without personal data.
    const [entry] = await db.select().from(settingsAudit).where(and(eq(settingsAudit.workspaceId, ws.workspaceId), sql`${settingsAudit.after}->>'action' = 'customer.erased'`));
    expect(entry).toMatchObject({ userId: ws.adminId, after: expect.objectContaining({ customerId: id, conversations: 2 }) });
    expect(JSON.stringify(entry)).not.toMatch(/del-1@mail\.test|DEL-900/);
    // The erased browser comes back as a new anonymous visitor.
    const again = h.raw(node, '/visitor', { widgetKey: ws.widgetKey, token: ended.token });
    const session = await nextEvent<{ visitorId: string }>(again, 'session');
    expect(visitorIds).not.toContain(session.visitorId);
  });
});

/** Every place in Redis (this test's prefix) naming one of the ids: key names, hash fields, set and sorted-set members. */
async function redisTraces(ids: string[]): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await h.redis.scan(cursor, 'MATCH', `${h.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (ids.some((id) => key.includes(id))) {
        // BullMQ's event streams and completed-job lists are trimmed by BullMQ; job hashes are not allowed.
        found.push(key);
        continue;
      }
      const type = await h.redis.type(key);
      const members = type === 'hash' ? await h.redis.hkeys(key) : type === 'set' ? await h.redis.smembers(key) : type === 'zset' ? await h.redis.zrange(key, '0', '-1') : [];
      for (const m of members) if (ids.includes(m)) found.push(`${key} ∋ ${m}`);
    }
  } while (cursor !== '0');
  return found;
}

describe('retention', () => {
  it('the worker deletes ended conversations older than the period (with their files), and nothing else', async () => {
    const old = await customerChat('ret-old', 'RET-1', { end: true });
    const recent = await customerChat('ret-new', 'RET-2', { end: true });
    const oldButLive = await customerChat('ret-live', 'RET-3');
    const db = h.database.db;
    const back = (id: string) => db.execute(sql`update conversations set created_at = now() - interval '40 days', ended_at = case when ended_at is null then null else now() - interval '39 days' end where id = ${id}`);
    await back(old.conversationId);
    await back(oldButLive.conversationId);
    const [oldFile] = await db.select({ k: attachments.storageKey }).from(attachments).where(eq(attachments.conversationId, old.conversationId));
    expect(filesIn(dir).some((f) => f.endsWith(oldFile.k))).toBe(true);

    await h.saveSettings(node, ws.workspaceId, 'privacy', { retentionDays: 30 });
    const worker = await startWorker({ redisPrefix: h.prefix, retentionEveryMs: 200 }, db, h.redis.duplicate());
    try {
      for (let i = 0; i < 100; i++) {
        if (!(await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, old.conversationId))).length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.close();
    }
    expect(await db.select().from(conversations).where(eq(conversations.id, old.conversationId))).toEqual([]);
    expect(await db.select().from(messages).where(eq(messages.conversationId, old.conversationId))).toEqual([]);
    expect(filesIn(dir).some((f) => f.endsWith(oldFile.k))).toBe(false);
    // Recent and live conversations stay, and so does the customer (only conversations expire).
    expect(await db.select({ id: conversations.id }).from(conversations).where(inArray(conversations.id, [recent.conversationId, oldButLive.conversationId]))).toHaveLength(2);
    expect(await customerId('ret-old')).toBeTruthy();
    const [entry] = await db.select().from(settingsAudit).where(and(eq(settingsAudit.workspaceId, ws.workspaceId), sql`${settingsAudit.after}->>'action' = 'retention.applied'`));
    expect(entry.after).toMatchObject({ retentionDays: 30, conversations: 1, attachments: 1 });
  });

  it('off by default: without a period nothing is deleted', async () => {
    const other = await h.createWorkspace(0);
    const [v] = await h.database.db.insert(visitors).values({ workspaceId: other.workspaceId }).returning();
    const [c] = await h.database.db.insert(conversations).values({ workspaceId: other.workspaceId, visitorId: v.id, status: 'ended', startedAt: new Date(Date.now() - 400 * 86_400_000), endedAt: new Date(Date.now() - 399 * 86_400_000) }).returning();
    const { workspacesWithRetention } = await import('../../src/domain/privacy/retention');
    const { services } = await import('../../src/server/web');
    expect((await workspacesWithRetention(services())).map((w) => w.workspaceId)).not.toContain(other.workspaceId);
    await services().privacy.runRetention();
    expect(await h.database.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, c.id))).toHaveLength(1);
  });
});
