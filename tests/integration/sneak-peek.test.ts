import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEndpoints } from '../../src/db/schema';
import { signStaffToken } from '../../src/lib/tokens';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';

/** Sneak peek (F17): opt-in, only to the assigned agent and watching supervisors, throttled, never stored. */
const h = new ChatHarness();
let nodeA: RealtimeServer;
let nodeB: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  nodeA = await h.startNode();
  nodeB = await h.startNode();
});
afterAll(() => h.teardown());

async function monitor(node: RealtimeServer, workspaceId: string, userId: string): Promise<Socket> {
  const token = await signStaffToken(TEST_AUTH_SECRET, { uid: userId, wid: workspaceId, role: 'admin' });
  const socket = connect(`http://127.0.0.1:${node.port}/monitor`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
  await nextEvent(socket, 'connect');
  return socket;
}
function collect(socket: Socket): { conversationId: string; text: string }[] {
  const seen: { conversationId: string; text: string }[] = [];
  socket.on('typing.preview', (e) => seen.push(e));
  return seen;
}

/** Every row of every table in the public schema, as text: where a stored preview would have to be. */
async function everythingStored(): Promise<string> {
  const tables = await h.database.db.execute<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const rows = await h.database.db.execute<{ row: string }>(sql.raw(`select to_jsonb(t)::text as row from "${tablename}" t`));
    for (const r of rows.rows) parts.push(r.row);
  }
  return parts.join('\n');
}

describe('sneak peek', () => {
  it('shows the assigned agent and watching supervisors what the visitor types, throttled, and stores none of it', async () => {
    const ws = await h.createWorkspace(2);
    // message.created outbox rows are written only for a workspace with an enabled webhook endpoint.
    await h.database.db.insert(webhookEndpoints).values({ workspaceId: ws.workspaceId, kind: 'events', secret: 'test-secret' });
    const agent = await h.staff(nodeB, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const other = await h.staff(nodeB, ws.workspaceId, ws.agents[1].id);
    const assigned = nextEvent<{ id: string }>(agent, 'conversation.assigned');
    const v = await h.visitor(nodeA, ws.widgetKey);
    await request(v.socket, 'chat.start', {});
    const conversationId = (await assigned).id;
    await request(v.socket, 'message.send', { conversationId, clientMsgId: 'm1', body: 'A sent message is stored' });

    const watching = await monitor(nodeB, ws.workspaceId, ws.adminId);
    expect((await request(watching, 'monitor.watch', { conversationId })).ok).toBe(true);
    const notWatching = await monitor(nodeA, ws.workspaceId, ws.adminId);
    const [toAgent, toOther, toWatching, toNotWatching] = [collect(agent), collect(other), collect(watching), collect(notWatching)];

    // Off by default: accepted and dropped.
    expect(await request(v.socket, 'typing.preview', { conversationId, text: 'secret draft while off' })).toMatchObject({ ok: true, delivered: false });
    await h.saveSettings(nodeA, ws.workspaceId, 'privacy', { sneakPeek: true });

    // On: a burst of 30 keystrokes reaches the agent (other node) at ≤ 4 updates a second, ending with the last text.
    const final = 'My order number is 4711-SNEAK';
    const reached = nextEvent<{ text: string }>(agent, 'typing.preview', (e) => e.text === final);
    const supervisorReached = nextEvent<{ text: string }>(watching, 'typing.preview', (e) => e.text === final);
    const started = Date.now();
    for (let i = 1; i <= final.length; i++) expect((await request(v.socket, 'typing.preview', { conversationId, text: final.slice(0, i) })).delivered).toBe(true);
    await Promise.all([reached, supervisorReached]);
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(toAgent.length).toBeLessThanOrEqual(Math.floor(elapsedSeconds * 4) + 1);
    expect(toAgent.length).toBeLessThan(final.length);
    expect(toAgent.map((e) => e.text)).not.toContain('secret draft while off');

    // Erased: the agent's preview clears.
    const cleared = [agent, watching].map((s) => nextEvent<{ text: string }>(s, 'typing.preview', (e) => e.text === ''));
    await request(v.socket, 'typing.preview', { conversationId, text: '' });
    await Promise.all(cleared);

    // Another agent and a supervisor not watching got nothing; a socket not in the chat cannot send previews.
    expect(toOther).toEqual([]);
    expect(toNotWatching).toEqual([]);
    const stranger = await h.visitor(nodeA, ws.widgetKey);
    expect((await request(stranger.socket, 'typing.preview', { conversationId, text: 'x' })).error.code).toBe('forbidden');

    // Nothing of it in PostgreSQL (messages, events, webhook outbox, audit: every table), the sent message is.
    const stored = await everythingStored();
    expect(stored).toContain('A sent message is stored');
    for (const fragment of ['4711-SNEAK', 'My order number', 'secret draft']) expect(stored).not.toContain(fragment);
    // The webhook outbox (every domain event, what webhooks are sent from) has the sent message, not the preview.
    const outbox = (await h.database.db.execute<{ row: string }>(sql`select to_jsonb(o)::text as row from outbox o`)).rows.map((r) => r.row).join('\n');
    expect(outbox).toContain('A sent message is stored');
    expect(outbox).not.toContain('4711-SNEAK');
  });
});
