import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeServer } from '../../src/realtime/server';
import { registeredEvents } from '../helpers/events';
import { ChatHarness, request, type TestWorkspace } from '../helpers/chat';

/**
 * Issue 22 item 5 (sockets): PostgreSQL refuses NUL in text, so a NUL anywhere in a socket payload (a value
 * or a key, at any depth) is refused with bad_request and the field's path, on every event, before its handler.
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

describe('NUL in socket payloads', () => {
  it('answers bad_request with the path on every event of /visitor and /agent', async () => {
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const sockets: [string, Socket][] = [['/visitor', visitor], ['/agent', agent]];
    for (const [namespace, socket] of sockets) {
      const events = registeredEvents(node, namespace, socket);
      expect(events.length).toBeGreaterThan(5);
      for (const event of events) {
        const ack = await request(socket, event, { body: 'hi\u0000there', nested: { list: ['ok', '\u0000'] } });
        expect(ack, `${namespace} ${event}`).toMatchObject({ ok: false, error: { code: 'bad_request', details: [{ path: 'body' }, { path: 'nested.list.1' }] } });
      }
    }
    // The socket is still usable afterwards.
    expect(await request(visitor, 'chat.start', { channel: 'desktop' })).toMatchObject({ ok: true });
  });
});
