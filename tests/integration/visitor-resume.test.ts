import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDto } from '../../src/domain/conversations/types';
import type { RealtimeServer } from '../../src/realtime/server';
import type { VisitorSession } from '../../src/realtime/contract';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { until } from '../helpers/faults';

/**
 * Issue 27 item 2: a visitor's handshake costs ONE Redis round trip (limits, presence, proxy watch, pending
 * offer in one script), and the `session` carries only the messages after the `lastSeq` the widget holds.
 */
const h = new ChatHarness();
const sockets: Socket[] = [];
beforeAll(() => h.setup());
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await h.teardown();
});

function visitor(node: RealtimeServer, auth: Record<string, unknown>, ip?: string): Promise<{ socket: Socket; session: VisitorSession & { since?: number | null } }> {
  const socket = connect(`http://127.0.0.1:${node.port}/visitor`, { transports: ['websocket'], auth, forceNew: true, reconnection: false, extraHeaders: ip ? { 'x-forwarded-for': ip } : {} });
  sockets.push(socket);
  return nextEvent<VisitorSession>(socket, 'session').then((session) => ({ socket, session }));
}

describe('visitor handshake: one Redis round trip, history only when behind', () => {
  let node: RealtimeServer;
  let ws: TestWorkspace;
  let token: string;
  let visitorId: string;
  let conversationId: string;
  let sent: MessageDto[];

  beforeAll(async () => {
    node = await h.startNode();
    ws = await h.createWorkspace(1);
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    expect((await request(agent, 'status.set', { status: 'online' })).ok).toBe(true);
    const first = await visitor(node, { widgetKey: ws.widgetKey });
    visitorId = first.session.visitorId;
    const started = await request(first.socket, 'chat.start', {});
    conversationId = started.conversation.id;
    sent = [];
    for (const body of ['one', 'two', 'three']) sent.push((await request(first.socket, 'message.send', { conversationId, clientMsgId: randomUUID(), body })).message);
    token = (await visitor(node, { widgetKey: ws.widgetKey, token: first.session.token })).session.token;
    first.socket.disconnect();
  });

  it('sends nothing when the widget is up to date, only the newer messages when it is behind, and everything otherwise', async () => {
    const lastSeq = sent[2].seq;
    const upToDate = await visitor(node, { widgetKey: ws.widgetKey, token, conversationId, lastSeq });
    expect(upToDate.session.conversation?.id).toBe(conversationId);
    expect(upToDate.session.messages).toEqual([]);
    expect(upToDate.session.since).toBe(lastSeq);
    // Still in the conversation's room: what follows arrives live.
    const live = nextEvent<MessageDto>(upToDate.socket, 'message', (m) => m.body === 'four');
    const four = (await request(upToDate.socket, 'message.send', { conversationId, clientMsgId: randomUUID(), body: 'four' })).message as MessageDto;
    expect((await live).seq).toBe(four.seq);

    const behind = await visitor(node, { widgetKey: ws.widgetKey, token, conversationId, lastSeq: sent[0].seq });
    expect(behind.session.since).toBe(sent[0].seq);
    expect(behind.session.messages.map((m) => m.body)).toEqual(['two', 'three', 'four']);

    // Another conversation id, a lastSeq ahead of the conversation, a malformed one, or none: the newest page.
    for (const resume of [{ conversationId: randomUUID(), lastSeq }, { conversationId, lastSeq: four.seq + 5 }, { conversationId, lastSeq: 'x' }, {}]) {
      const full = await visitor(node, { widgetKey: ws.widgetKey, token, ...resume });
      expect(full.session.since ?? null).toBeNull();
      expect(full.session.messages.filter((m) => m.senderType === 'visitor').map((m) => m.body)).toEqual(['one', 'two', 'three', 'four']);
    }
  });

  it('limits, presence and the pending offer take one Redis command; the presence goes with the socket', async () => {
    // Count what this process sends to Redis about this visitor while a returning visitor connects.
    const proto = Redis.prototype as unknown as { sendCommand: (command: { name: string; args: unknown[] }, ...rest: unknown[]) => unknown };
    const send = proto.sendCommand;
    const commands: string[] = [];
    proto.sendCommand = function (this: unknown, command, ...rest) {
      if (command.args.some((a) => String(a).includes(visitorId))) commands.push(command.name);
      return send.call(this, command, ...rest);
    };
    let back: Awaited<ReturnType<typeof visitor>>;
    try {
      back = await visitor(node, { widgetKey: ws.widgetKey, token, conversationId, lastSeq: 0 });
    } finally {
      proto.sendCommand = send;
    }
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^eval(sha)?$/);
    expect(await node.routing.visitorConnected(ws.workspaceId, visitorId)).toBe(true);
    for (const s of sockets) s.disconnect();
    back.socket.disconnect();
    await until(async () => !(await node.routing.visitorConnected(ws.workspaceId, visitorId)), 'the presence to be removed');
  });

  it('writes no presence for a handshake the limits refuse', async () => {
    // Behind a trusted proxy, so this test's client has an address of its own (one handshake a minute).
    const limited = await h.startNode({ rateLimits: { visitorHandshakesPerIpPerMinute: 1 }, trustedProxies: '127.0.0.1' });
    const other = await h.createWorkspace(0);
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const first = await visitor(limited, { widgetKey: other.widgetKey }, ip);
    const refused = connect(`http://127.0.0.1:${limited.port}/visitor`, { transports: ['websocket'], auth: { widgetKey: other.widgetKey, token: first.session.token }, forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': ip } });
    sockets.push(refused);
    first.socket.disconnect();
    const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
    expect(error.message).toMatch(/^rate_limited: Too many connections/);
    await until(async () => !(await limited.routing.visitorConnected(other.workspaceId, first.session.visitorId)), 'the first socket to be gone');
  });
});
