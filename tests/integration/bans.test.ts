/**
 * Ban semantics (issue 22): a ban targets the visitor and revokes their tokens; banning their address is a
 * separate, explicit and temporary choice, shown with the number of other visitors seen from it. Real
 * sockets on two realtime nodes, PostgreSQL and Redis.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitorBans, visitorDevices, visitors } from '../../src/db/schema';
import { BanService } from '../../src/domain/bans/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, request, type TestWorkspace } from '../helpers/chat';

const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;
let bans: BanService;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
  bans = new BanService(h.database.db);
});
afterAll(() => h.teardown());

const NOT_AVAILABLE = 'forbidden: Chat is not available at the moment.';

/** How a visitor handshake ends: 'connected' or the connect_error message. */
async function handshake(node: RealtimeServer, auth: Record<string, unknown>): Promise<string> {
  const socket = h.raw(node, '/visitor', auth);
  const outcome = await new Promise<string>((resolve) => {
    socket.once('connect_error', (error: Error) => resolve(error.message));
    socket.once('connect', () => resolve('connected'));
  });
  socket.disconnect();
  return outcome;
}

/** A visitor in a live chat with the workspace's first agent, their device (address) recorded. */
async function chattingVisitor(ws: TestWorkspace) {
  const agent = await h.staff(nodeB, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  const v = await h.visitor(nodeA, ws.widgetKey);
  const started = await request(v.socket, 'chat.start', {});
  expect(started.conversation.status).toBe('active');
  await expect.poll(() => deviceIp(v.session.visitorId), { timeout: 10_000 }).not.toBeNull();
  return { agent, visitor: v, conversationId: started.conversation.id as string };
}

async function deviceIp(visitorId: string): Promise<string | null> {
  const [d] = await h.database.db.select({ ip: visitorDevices.ip }).from(visitorDevices).where(eq(visitorDevices.visitorId, visitorId));
  return d?.ip ?? null;
}

describe('bans', () => {
  it('a visitor ban refuses that visitor only, not others from the same address, and revokes their tokens for good', async () => {
    const ws = await h.createWorkspace(1);
    const { agent, visitor, conversationId } = await chattingVisitor(ws);
    const neighbour = await h.visitor(nodeB, ws.widgetKey); // same address (127.0.0.1), another visitor

    const banned = await request(agent, 'visitor.ban', { conversationId, reason: 'Abuse', durationMinutes: 60 });
    expect(banned.ok).toBe(true);
    expect(banned.ban).toMatchObject({ kind: 'visitor', ip: null, active: true, visitorId: visitor.session.visitorId });
    const [row] = await h.database.db.select({ tv: visitors.tokenVersion }).from(visitors).where(eq(visitors.id, visitor.session.visitorId));
    expect(row.tv).toBe(1); // revoked

    for (const node of [nodeA, nodeB]) {
      await expect.poll(() => handshake(node, { widgetKey: ws.widgetKey, token: visitor.session.token }), { timeout: 5_000, interval: 50 }).toBe(NOT_AVAILABLE);
      expect(await handshake(node, { widgetKey: ws.widgetKey, token: neighbour.session.token })).toBe('connected');
      expect(await handshake(node, { widgetKey: ws.widgetKey })).toBe('connected');
    }
    expect(await bans.isBanned(ws.workspaceId, { visitorId: visitor.session.visitorId })).toBe(true);
    expect(await bans.isBanned(ws.workspaceId, { ip: await deviceIp(visitor.session.visitorId) })).toBe(false);

    // Lifted: the old token is still refused (revoked), on every node; the widget then starts as a new visitor.
    await bans.lift(ws.workspaceId, banned.ban.id, ws.adminId);
    for (const node of [nodeA, nodeB]) expect(await handshake(node, { widgetKey: ws.widgetKey, token: visitor.session.token })).toBe('unauthorized: visitor token revoked');
    const fresh = await h.visitor(nodeA, ws.widgetKey);
    expect(fresh.session.visitorId).not.toBe(visitor.session.visitorId);
  });

  it('an address ban is an explicit choice: the dialog first counts the other visitors seen from the address in 30 days', async () => {
    const ws = await h.createWorkspace(1);
    const { agent, visitor, conversationId } = await chattingVisitor(ws);
    const ip = (await deviceIp(visitor.session.visitorId))!;
    // Two other visitors seen from that address recently, one 40 days ago (not counted), one elsewhere.
    const others = await h.database.db.insert(visitors).values([{ workspaceId: ws.workspaceId }, { workspaceId: ws.workspaceId }, { workspaceId: ws.workspaceId }, { workspaceId: ws.workspaceId }]).returning({ id: visitors.id });
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000);
    await h.database.db.insert(visitorDevices).values([
      { visitorId: others[0].id, workspaceId: ws.workspaceId, ip },
      { visitorId: others[1].id, workspaceId: ws.workspaceId, ip },
      { visitorId: others[2].id, workspaceId: ws.workspaceId, ip, updatedAt: fortyDaysAgo },
      { visitorId: others[3].id, workspaceId: ws.workspaceId, ip: '198.51.100.7' },
    ]);
    const preview = await request(agent, 'visitor.ban.preview', { conversationId });
    expect(preview.address).toEqual({ ip, otherVisitors: 2 });

    // Address bans are temporary: longer than 30 days is refused with a human message.
    const tooLong = await request(agent, 'visitor.ban', { conversationId, reason: 'Spam', durationMinutes: null, address: { minutes: 31 * 24 * 60 } });
    expect(tooLong.error).toMatchObject({ code: 'bad_request' });
    expect(tooLong.error.message).toMatch(/30 days/);

    const before = Date.now();
    const banned = await request(agent, 'visitor.ban', { conversationId, reason: 'Spam', durationMinutes: null, address: { minutes: 24 * 60 } });
    expect(banned.ok).toBe(true);
    const rows = await h.database.db.select().from(visitorBans).where(eq(visitorBans.workspaceId, ws.workspaceId));
    expect(rows).toHaveLength(2);
    const addressBan = rows.find((r) => r.ip)!;
    const visitorBan = rows.find((r) => !r.ip)!;
    expect(visitorBan).toMatchObject({ visitorId: visitor.session.visitorId, expiresAt: null });
    expect(addressBan).toMatchObject({ ip, visitorId: visitor.session.visitorId });
    expect(addressBan.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
    expect(addressBan.expiresAt!.getTime() - before).toBeLessThan(24 * 3_600_000 + 60_000);
    expect((await bans.list(ws.workspaceId)).map((b) => b.kind).sort()).toEqual(['address', 'visitor']);

    // Everyone new from that address is refused, on both nodes.
    for (const node of [nodeA, nodeB]) await expect.poll(() => handshake(node, { widgetKey: ws.widgetKey }), { timeout: 5_000, interval: 50 }).toBe(NOT_AVAILABLE);

    // The address ban expires (simulated: its end moved to the past); the visitor ban (until lifted) stays.
    await h.database.db.update(visitorBans).set({ expiresAt: new Date(Date.now() - 1_000) }).where(and(eq(visitorBans.id, addressBan.id), isNotNull(visitorBans.ip)));
    for (const node of [nodeA, nodeB]) {
      await expect.poll(() => handshake(node, { widgetKey: ws.widgetKey }), { timeout: 5_000, interval: 50 }).toBe('connected');
      expect(await handshake(node, { widgetKey: ws.widgetKey, token: visitor.session.token })).toBe(NOT_AVAILABLE);
    }
    expect((await bans.list(ws.workspaceId)).find((b) => b.kind === 'address')?.active).toBe(false);
  });

  it('without a recorded address only the visitor can be banned', async () => {
    const ws = await h.createWorkspace(0);
    const [v] = await h.database.db.insert(visitors).values({ workspaceId: ws.workspaceId }).returning({ id: visitors.id });
    expect(await bans.addressPreview(ws.workspaceId, v.id)).toEqual({ ip: null, otherVisitors: 0 });
    await expect(bans.ban(ws.workspaceId, { visitorId: v.id, reason: 'x', durationMinutes: 60, address: { minutes: 60 } }, ws.adminId)).rejects.toMatchObject({ code: 'bad_request' });
    const ban = await bans.ban(ws.workspaceId, { visitorId: v.id, reason: 'x', durationMinutes: 60 }, ws.adminId);
    expect(ban).toMatchObject({ kind: 'visitor', ip: null, active: true });
  });
});
