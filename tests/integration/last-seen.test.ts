import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitors } from '../../src/db/schema';
import { LastSeenBatcher } from '../../src/domain/conversations/last-seen';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness } from '../helpers/chat';

/** Reconnect storms: a returning visitor's last_seen_at is written in batches, not by each handshake. */
const h = new ChatHarness();
let node: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
});
afterAll(() => h.teardown());

const lastSeen = async (visitorId: string) => (await h.database.db.select({ at: visitors.lastSeenAt }).from(visitors).where(eq(visitors.id, visitorId)))[0].at;

describe('deferred last_seen_at', () => {
  it('updates a returning visitor shortly after the handshake, identity unchanged', async () => {
    const ws = await h.createWorkspace(1);
    const first = await h.visitor(node, ws.widgetKey);
    const { visitorId, token } = first.session;
    first.socket.disconnect();
    await h.database.db.execute(sql`update visitors set last_seen_at = now() - interval '1 day' where id = ${visitorId}`);
    const old = await lastSeen(visitorId);

    const again = await h.visitor(node, ws.widgetKey, token);
    expect(again.session.visitorId).toBe(visitorId);
    await expect.poll(async () => (await lastSeen(visitorId)).getTime(), { timeout: 5_000 }).toBeGreaterThan(old.getTime() + 60_000);
  });

  it('writes many visitors in one statement, scoped by workspace, and keeps the newest time', async () => {
    const ws = await h.createWorkspace(1);
    const other = await h.createWorkspace(1);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await h.visitor(node, ws.widgetKey)).session.visitorId);
    await h.database.db.execute(sql`update visitors set last_seen_at = '2020-01-01' where id = any(${sql.param(ids)}::uuid[])`);
    const batcher = new LastSeenBatcher(h.database.db, 60_000);
    for (const id of ids.slice(0, 4)) batcher.touch(ws.workspaceId, id);
    batcher.touch(other.workspaceId, ids[4]); // wrong workspace: must not touch the row
    await batcher.flush();
    for (const id of ids.slice(0, 4)) expect((await lastSeen(id)).getFullYear()).toBeGreaterThan(2020);
    expect((await lastSeen(ids[4])).toISOString()).toBe(new Date('2020-01-01').toISOString());
    // A future time already stored is not moved back by a later flush.
    await h.database.db.execute(sql`update visitors set last_seen_at = '2100-01-01' where id = ${ids[0]}`);
    batcher.touch(ws.workspaceId, ids[0]);
    await batcher.flush();
    expect((await lastSeen(ids[0])).getFullYear()).toBe(2100);
  });
});
