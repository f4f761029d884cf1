import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import type { RealtimeServer } from '../../src/realtime/server';

const h = new ChatHarness();
let node: RealtimeServer;
let ws: TestWorkspace;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  ws = await h.createWorkspace(1);
});
afterAll(() => h.teardown());

describe('walking skeleton chat', () => {
  it('routes a visitor to an online agent; both see messages in order, persisted before the ack', async () => {
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    const online = await request(agent, 'status.set', { status: 'online' });
    expect(online).toMatchObject({ ok: true, presence: { status: 'online', load: 0 } });

    const { socket: visitor, session } = await h.visitor(node, ws.widgetKey);
    expect(session.conversation).toBeNull();
    const assignedEvent = nextEvent<{ id: string }>(agent, 'conversation.assigned');
    const started = await request(visitor, 'chat.start', { channel: 'desktop', entryUrl: 'https://shop.example/pricing' });
    expect(started.ok).toBe(true);
    expect(started.conversation.status).toBe('active');
    expect(started.conversation.agentId).toBe(ws.agents[0].id);
    const conversationId: string = started.conversation.id;
    expect((await assignedEvent).id).toBe(conversationId);

    // Typing indicator both ways.
    const agentSeesTyping = nextEvent<{ typing: boolean }>(agent, 'typing');
    await request(visitor, 'typing', { conversationId, typing: true });
    expect((await agentSeesTyping).typing).toBe(true);
    const visitorSeesTyping = nextEvent<{ name: string }>(visitor, 'typing');
    await request(agent, 'typing', { conversationId, typing: true });
    expect((await visitorSeesTyping).name).toBe('Agent 1');

    // Interleaved messages from both sides arrive in sequence order on both sides.
    const seenByAgent: number[] = [];
    const seenByVisitor: number[] = [];
    agent.on('message', (m: { seq: number; conversationId: string }) => m.conversationId === conversationId && seenByAgent.push(m.seq));
    visitor.on('message', (m: { seq: number }) => seenByVisitor.push(m.seq));
    const sends = [];
    for (let i = 0; i < 10; i++) {
      sends.push(request(visitor, 'message.send', { conversationId, clientMsgId: `v${i}`, body: `visitor ${i}` }));
      sends.push(request(agent, 'message.send', { conversationId, clientMsgId: `a${i}`, body: `agent ${i}` }));
    }
    const acks = await Promise.all(sends);
    expect(acks.every((a) => a.ok)).toBe(true);
    // Every acked message is already in PostgreSQL.
    const stored = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    for (const ack of acks) expect(stored.some((m) => m.id === ack.message.id)).toBe(true);
    const seqs = stored.map((m) => m.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

    // Both sides receive every message exactly once; seq gives the order (clients sort by it: concurrent
    // sends on different connections, or nodes, may arrive in any order — see docs/protocol.md).
    await expect.poll(() => seenByVisitor.length).toBeGreaterThanOrEqual(20);
    await expect.poll(() => seenByAgent.length).toBeGreaterThanOrEqual(20);
    const latest20 = seqs.slice(-20);
    expect([...seenByVisitor].sort((a, b) => a - b)).toEqual(latest20);
    expect([...seenByAgent].sort((a, b) => a - b)).toEqual(latest20);

    // A retried send (same clientMsgId) does not duplicate.
    const retry = await request(visitor, 'message.send', { conversationId, clientMsgId: 'v0', body: 'visitor 0' });
    expect(retry.message.id).toBe(acks[0].message.id);

    // Reconnect with the token: same identity, same conversation and history.
    visitor.disconnect();
    const again = await h.visitor(node, ws.widgetKey, session.token);
    expect(again.session.visitorId).toBe(session.visitorId);
    expect(again.session.conversation?.id).toBe(conversationId);
    expect(again.session.messages.filter((m) => m.senderType !== 'system').map((m) => m.body)).toContain('agent 9');
    // Catch-up after a reconnect from a known sequence number.
    const caughtUp = await request(again.socket, 'history', { conversationId, afterSeq: seqs[seqs.length - 3] });
    expect(caughtUp.messages.map((m: { seq: number }) => m.seq)).toEqual(seqs.slice(-2));

    // The agent ends the chat: the visitor is told and capacity is freed.
    const visitorSeesEnd = nextEvent<{ status: string; endedBy: string }>(again.socket, 'conversation.updated', (c) => c.status === 'ended');
    const ended = await request(agent, 'chat.end', { conversationId });
    expect(ended.conversation).toMatchObject({ status: 'ended', endedBy: 'agent' });
    expect(await visitorSeesEnd).toMatchObject({ endedBy: 'agent' });
    const presence = await request(agent, 'status.set', { status: 'online' });
    expect(presence.presence.load).toBe(0);
    // Writing to an ended conversation is refused.
    const late = await request(again.socket, 'message.send', { conversationId, clientMsgId: 'late', body: 'hello?' });
    expect(late.ok).toBe(false);
  });

  it('lets the visitor end the chat', async () => {
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    const ended = await request(visitor, 'chat.end', { conversationId: started.conversation.id });
    expect(ended.conversation).toMatchObject({ status: 'ended', endedBy: 'visitor' });
  });

  it('queues when no agent is online and assigns when one comes online', async () => {
    const other = await h.createWorkspace(1);
    const { socket: visitor } = await h.visitor(node, other.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    expect(started.conversation.status).toBe('queued');
    expect(started.queue).toMatchObject({ position: 1 });
    const agent = await h.staff(node, other.workspaceId, other.agents[0].id);
    const assigned = nextEvent<{ status: string; agentId: string }>(visitor, 'conversation.updated', (c) => c.status === 'active');
    await request(agent, 'status.set', { status: 'online' });
    expect((await assigned).agentId).toBe(other.agents[0].id);
  });
});

describe('access control', () => {
  it('refuses a visitor access to another visitor’s conversation', async () => {
    const { socket: alice } = await h.visitor(node, ws.widgetKey);
    const { socket: mallory } = await h.visitor(node, ws.widgetKey);
    const started = await request(alice, 'chat.start', {});
    const conversationId = started.conversation.id;
    await request(alice, 'message.send', { conversationId, clientMsgId: 'secret', body: 'my card number' });

    const read = await request(mallory, 'history', { conversationId });
    expect(read).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const write = await request(mallory, 'message.send', { conversationId, clientMsgId: 'x', body: 'injected' });
    expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const end = await request(mallory, 'chat.end', { conversationId });
    expect(end).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const typing = await request(mallory, 'typing', { conversationId, typing: true });
    expect(typing.ok).toBe(false);
    const stored = await h.database.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.body, 'injected')));
    expect(stored).toHaveLength(0);
  });

  it('never lets a visitor token or staff token cross workspaces', async () => {
    const a = ws;
    const b = await h.createWorkspace(1);
    const { socket: visitorA, session } = await h.visitor(node, a.widgetKey);
    const started = await request(visitorA, 'chat.start', {});

    // Workspace A's visitor token presented with workspace B's widget key gets a fresh B identity.
    const { session: inB } = await h.visitor(node, b.widgetKey, session.token);
    expect(inB.visitorId).not.toBe(session.visitorId);
    expect(inB.conversation).toBeNull();

    // Workspace B's agent cannot read A's conversation.
    const agentB = await h.staff(node, b.workspaceId, b.agents[0].id);
    const read = await request(agentB, 'history', { conversationId: started.conversation.id });
    expect(read).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const write = await request(agentB, 'message.send', { conversationId: started.conversation.id, clientMsgId: 'x', body: 'hi' });
    expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses forged, expired or missing tokens and unknown widget keys', async () => {
    const forged = h.raw(node, '/agent', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJzdGFmZiJ9.bad' });
    const forgedError = await nextEvent<Error>(forged, 'connect_error');
    expect(forgedError.message).toMatch(/unauthorized/);
    const none = h.raw(node, '/agent', {});
    expect((await nextEvent<Error>(none, 'connect_error')).message).toMatch(/unauthorized/);
    const badKey = h.raw(node, '/visitor', { widgetKey: 'wk_nope' });
    expect((await nextEvent<Error>(badKey, 'connect_error')).message).toMatch(/unknown widget key/);
  });
});

describe('payload validation', () => {
  it('answers bad payloads with { ok: false, error: { code, message } } and stores nothing', async () => {
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    const conversationId = started.conversation.id;
    const before = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversationId));

    const cases: unknown[] = [
      undefined,
      { conversationId, clientMsgId: 'a' },
      { conversationId, clientMsgId: 'a', body: '' },
      { conversationId, clientMsgId: 'a', body: '   ' },
      { conversationId, clientMsgId: 'a', body: 'x'.repeat(5001) },
      { conversationId: 'not-a-uuid', clientMsgId: 'a', body: 'hi' },
      { conversationId, clientMsgId: 42, body: 'hi' },
      'a string',
    ];
    for (const payload of cases) {
      const response = await request(visitor, 'message.send', payload);
      expect(response.ok).toBe(false);
      expect(response.error.code).toBe('bad_request');
      expect(typeof response.error.message).toBe('string');
    }
    const badStart = await request(visitor, 'chat.start', { channel: 'fax' });
    expect(badStart).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const after = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    expect(after).toHaveLength(before.length);

    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    const badStatus = await request(agent, 'status.set', { status: 'sleeping' });
    expect(badStatus).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
