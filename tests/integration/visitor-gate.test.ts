import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visitorBans, visitorDevices, visitors } from '../../src/db/schema';
import { revokeVisitorTokens } from '../../src/domain/security/sessions';
import { VisitorGate } from '../../src/domain/security/visitor-gate';
import { DeviceRecorder } from '../../src/domain/visitors/device-recorder';
import { ChatHarness } from '../helpers/chat';

/** Reconnect storms: the handshake's token-version and ban checks are cached per node and invalidated at commit. */
const h = new ChatHarness();
let gate: VisitorGate;

beforeAll(async () => {
  await h.setup();
  gate = new VisitorGate(h.database.db).listen();
  await vi.waitFor(() => expect(gate.listening).toBe(true), { timeout: 10_000 });
});
afterAll(async () => {
  await gate.close();
  await h.teardown();
});

const newVisitor = async (workspaceId: string) => (await h.database.db.insert(visitors).values({ workspaceId }).returning({ id: visitors.id }))[0].id;

/** Changes a row without firing triggers: what the gate then answers shows whether it read the database. */
const silently = (statement: ReturnType<typeof sql>) =>
  h.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });

describe('visitor gate', () => {
  it('answers a repeated handshake from its cache, and drops the entry when the token is revoked (any process)', async () => {
    const ws = await h.createWorkspace(0);
    const visitorId = await newVisitor(ws.workspaceId);
    expect(await gate.check(ws.workspaceId, visitorId, '192.0.2.1')).toEqual({ refusal: null, tokenVersion: 0 });
    await silently(sql`update visitors set token_version = 7 where id = ${visitorId}`);
    expect((await gate.check(ws.workspaceId, visitorId, '192.0.2.1')).tokenVersion).toBe(0); // cached
    expect(await revokeVisitorTokens(h.database.db, ws.workspaceId, visitorId)).toBe(true); // 8, notified
    await expect.poll(async () => (await gate.check(ws.workspaceId, visitorId, '192.0.2.1')).tokenVersion).toBe(8);
  });

  it('refuses at once when a ban on the visitor or their IP is created; a lifted ban lets them back', async () => {
    const ws = await h.createWorkspace(1);
    const visitorId = await newVisitor(ws.workspaceId);
    const other = await newVisitor(ws.workspaceId);
    expect((await gate.check(ws.workspaceId, visitorId, '192.0.2.2')).refusal).toBeNull();
    expect((await gate.check(ws.workspaceId, other, '192.0.2.3')).refusal).toBeNull();
    const [ban] = await h.database.db.insert(visitorBans).values({ workspaceId: ws.workspaceId, visitorId: null, ip: '192.0.2.3', reason: 'spam', createdBy: ws.adminId }).returning();
    await expect.poll(async () => (await gate.check(ws.workspaceId, other, '192.0.2.3')).refusal).toContain('not available');
    expect((await gate.check(ws.workspaceId, visitorId, '192.0.2.2')).refusal).toBeNull();
    await h.database.db.update(visitorBans).set({ liftedAt: new Date() }).where(eq(visitorBans.id, ban.id));
    expect((await gate.check(ws.workspaceId, other, '192.0.2.3')).refusal).toBeNull();
  });

  it('serves nothing from the cache without its LISTEN connection', async () => {
    const ws = await h.createWorkspace(0);
    const visitorId = await newVisitor(ws.workspaceId);
    const blind = new VisitorGate(h.database.db); // never listening
    expect((await blind.check(ws.workspaceId, visitorId, null)).tokenVersion).toBe(0);
    await silently(sql`update visitors set token_version = 3 where id = ${visitorId}`);
    expect((await blind.check(ws.workspaceId, visitorId, null)).tokenVersion).toBe(3);
  });
});

describe('device recorder', () => {
  it('writes the handshakes of a window in one statement, one row per visitor, counting visits 30 minutes apart', async () => {
    const ws = await h.createWorkspace(0);
    const a = await newVisitor(ws.workspaceId);
    const b = await newVisitor(ws.workspaceId);
    const recorder = new DeviceRecorder(h.database.db, 60_000);
    const writes = [
      recorder.record(ws.workspaceId, a, { userAgent: 'UA1', language: 'de', timeZone: null, ip: '192.0.2.9' }),
      recorder.record(ws.workspaceId, a, { userAgent: 'UA2', language: null, timeZone: 'Europe/Zurich', ip: '192.0.2.9' }),
      recorder.record(ws.workspaceId, b, { userAgent: null, language: null, timeZone: null, ip: null }),
    ];
    await recorder.flush();
    await Promise.all(writes);
    const device = async (id: string) => (await h.database.db.select().from(visitorDevices).where(eq(visitorDevices.visitorId, id)))[0];
    expect(await device(a)).toMatchObject({ userAgent: 'UA2', language: 'de', timeZone: 'Europe/Zurich', ip: '192.0.2.9', visits: 1 });
    expect(await device(b)).toMatchObject({ visits: 1 });
    await h.database.db.execute(sql`update visitor_devices set updated_at = now() - interval '31 minutes' where visitor_id = ${a}`);
    const again = recorder.record(ws.workspaceId, a, { userAgent: 'UA2', language: null, timeZone: null, ip: '192.0.2.10' });
    await recorder.flush();
    await again;
    expect(await device(a)).toMatchObject({ language: 'de', ip: '192.0.2.10', visits: 2 });
  });
});
