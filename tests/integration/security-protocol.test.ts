import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '../../src/db/schema';
import { MAX_EVENT_BYTES, MAX_FRAME_BYTES } from '../../src/realtime/handler';
import type { RealtimeServer } from '../../src/realtime/server';
import { signStaffToken } from '../../src/lib/tokens';
import { registeredEvents } from '../helpers/events';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET, TEST_PASSWORD, type TestWorkspace } from '../helpers/chat';

/**
 * Issue 13, defect 4: every socket event takes exactly one payload object (null, arrays, numbers,
 * strings, booleans -> bad_request, nothing changes), payloads over the per-event limit answer
 * payload_too_large and leave the connection open, and a 5,000-character message fits in any script.
 */
const h = new ChatHarness();
let node: RealtimeServer;
let ws: TestWorkspace;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  ws = await h.createWorkspace(1);
});
afterAll(() => h.teardown());

async function clients() {
  const sup = await h.accounts.createAgent(ws.workspaceId, { name: 'Sup', email: `sup-${Math.random().toString(36).slice(2, 8)}@test.dev`, password: TEST_PASSWORD, role: 'supervisor' });
  const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  const monitor = h.raw(node, '/monitor', { token: await signStaffToken(TEST_AUTH_SECRET, { uid: sup.id, wid: ws.workspaceId, role: 'supervisor' }) });
  await new Promise<void>((resolve) => monitor.once('connect', () => resolve()));
  const { socket: visitor, session } = await h.visitor(node, ws.widgetKey);
  return { agent, monitor, visitor, visitorId: session.visitorId };
}

describe('payload shape', () => {
  it('answers bad_request to null, array, number, string and boolean payloads on every event of every namespace', async () => {
    const { agent, monitor, visitor, visitorId } = await clients();
    const sockets: [string, Socket][] = [['/visitor', visitor], ['/agent', agent], ['/monitor', monitor]];
    for (const [namespace, socket] of sockets) {
      const events = registeredEvents(node, namespace, socket);
      expect(events.length, namespace).toBeGreaterThan(3);
      for (const event of events) {
        for (const payload of [null, [], [{}], 42, 'x', true]) {
          const ack = await request(socket, event, payload);
          expect(ack, `${namespace} ${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'bad_request' } });
        }
      }
    }
    // chat.start with null did not start anything.
    expect(await h.database.db.select().from(conversations).where(eq(conversations.visitorId, visitorId))).toEqual([]);
  });
});

describe('frame limits', () => {
  it('carries a 5,000-character message in any script', async () => {
    const { visitor } = await clients();
    const conversationId = (await request(visitor, 'chat.start', {})).conversation.id;
    const bodies = {
      cjk: '字'.repeat(5000),
      emoji: '😀'.repeat(2500), // 5,000 UTF-16 units
      arabic: 'ع'.repeat(5000),
      escaped: '"\\'.repeat(2500), // JSON-escaped to twice its size
    };
    for (const [script, body] of Object.entries(bodies)) {
      const ack = await request(visitor, 'message.send', { conversationId, clientMsgId: script, body });
      expect(ack, script).toMatchObject({ ok: true, message: { body } });
    }
  });

  it(`answers payload_too_large above ${MAX_EVENT_BYTES / 1024} KB and keeps the connection`, async () => {
    const { visitor } = await clients();
    const conversationId = (await request(visitor, 'chat.start', {})).conversation.id;
    const ack = await request(visitor, 'message.send', { conversationId, clientMsgId: 'big', body: 'x'.repeat(MAX_EVENT_BYTES + 10) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(visitor.connected).toBe(true);
    expect(await request(visitor, 'message.send', { conversationId, clientMsgId: 'small', body: 'still here' })).toMatchObject({ ok: true });
  });

  it('closes the connection on a frame over the transport limit (documented: no answer is possible)', async () => {
    const { visitor } = await clients();
    const closed = nextEvent(visitor, 'disconnect');
    visitor.emit('message.send', { body: 'x'.repeat(MAX_FRAME_BYTES + 1) });
    await closed;
  });
});
