import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryLog } from '../../src/domain/email/outbox';
import { pendingKindsKey, pendingMentionsKey } from '../../src/domain/email/agent-notify';
import { preferencesOf } from '../../src/domain/email/preferences';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, request } from '../helpers/chat';
import { startEmailWorkers } from '../helpers/email-workers';
import { SmtpSink } from '../helpers/smtp-sink';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 25 (F15): agent notification emails. The agent closes the workspace; a burst of 20 visitor
 * messages gives exactly one email (latest messages inside, RFC 8058 unsubscribe headers); the one-click
 * unsubscribe works without signing in and that kind is not emailed any more.
 */
process.env.AGENT_EMAIL_DELAY_MS = '1500';
const h = new ChatHarness();
const sink = new SmtpSink();
let node: RealtimeServer;
let workers: Awaited<ReturnType<typeof startEmailWorkers>>;
let unsubscribeRoute: typeof import('../../src/app/api/email/unsubscribe/route');

beforeAll(async () => {
  await h.setup();
  await sink.start();
  node = await h.startNode();
  await startWebServices(h, { PUBLIC_WEB_URL: 'http://chat.test' });
  unsubscribeRoute = await import('../../src/app/api/email/unsubscribe/route');
  workers = await startEmailWorkers(h, node, sink);
});
afterAll(async () => {
  await workers?.close();
  await stopWebServices();
  await sink.stop();
  await h.teardown();
});

describe('agent notification emails', () => {
  it('20 visitor messages while the agent is away: one email; one-click unsubscribe stops that kind', async () => {
    const ws = await h.createWorkspace(1);
    const agent = ws.agents[0];
    const staff = await h.staff(node, ws.workspaceId, agent.id);
    await request(staff, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    const conversationId: string = started.conversation.id;
    expect(started.conversation.agentId).toBe(agent.id);
    await request(visitor, 'message.send', { conversationId, clientMsgId: 'hello', body: 'Hello, anyone there?' });

    // The agent closes the workspace tab (still "online" during the presence grace).
    staff.disconnect();
    await expect.poll(() => node.routing.socketCount(ws.workspaceId, agent.id)).toBe(0);
    for (let i = 1; i <= 20; i++) {
      const sent = await request(visitor, 'message.send', { conversationId, clientMsgId: `m${i}`, body: `burst message ${i}` });
      expect(sent.ok).toBe(true);
    }
    await sink.waitFor(() => sink.to(agent.email).length >= 1, 20_000, 'the notification');
    // Let any further batch fire (the delay is 1.5 s): still one email.
    await new Promise((r) => setTimeout(r, 4_000));
    const mails = sink.to(agent.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.parsed.subject).toMatch(/is waiting for your reply/);
    expect(mail.parsed.text).toContain('burst message 20');
    expect(mail.parsed.text).toContain('burst message 16');
    expect(mail.parsed.text).not.toContain('burst message 15'); // the latest five only
    const listUnsubscribe = mail.header('list-unsubscribe')!;
    expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = listUnsubscribe.replace(/^<|>$/g, '');
    expect(url.startsWith('http://chat.test/api/email/unsubscribe?')).toBe(true);

    // A forged link changes nothing; the real one works without a session (mail clients POST it).
    const forged = new URL(url);
    forged.searchParams.set('k', 'assigned');
    expect((await unsubscribeRoute.POST(new Request(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' }))).status).toBe(404);
    const res = await unsubscribeRoute.POST(new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));
    expect(res.status).toBe(200);
    expect(await preferencesOf(h.database.db, agent.id)).toMatchObject({ message: false, assigned: true });

    // More visitor messages: the batch is dropped, no email.
    await h.redis.del(`${h.prefix}:agent-notify-gate:${conversationId}`);
    await request(visitor, 'message.send', { conversationId, clientMsgId: 'after', body: 'still there?' });
    const key = pendingKindsKey(h.prefix, agent.id, conversationId);
    await expect.poll(() => h.redis.exists(key), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => h.redis.exists(key), { timeout: 15_000 }).toBe(0);
    await workers.email.relayOnce();
    expect(sink.to(agent.email)).toHaveLength(1);
    expect((await deliveryLog(h.database.db, ws.workspaceId)).filter((e) => e.kind.startsWith('notify_'))).toHaveLength(1);
  }, 90_000);

  it('an agent with a workspace tab open gets no email', async () => {
    const ws = await h.createWorkspace(1);
    const agent = ws.agents[0];
    const staff = await h.staff(node, ws.workspaceId, agent.id);
    await request(staff, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    for (let i = 0; i < 3; i++) await request(visitor, 'message.send', { conversationId: started.conversation.id, clientMsgId: `x${i}`, body: `present ${i}` });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sink.to(agent.email)).toHaveLength(0);
    expect(await h.redis.exists(pendingKindsKey(h.prefix, agent.id, started.conversation.id))).toBe(0);
  }, 30_000);

  it('mentions in notes: each away colleague gets one email per conversation listing every mention; one with a tab open gets none', async () => {
    const ws = await h.createWorkspace(3);
    const [author, away, present] = ws.agents;
    const staff = await h.staff(node, ws.workspaceId, author.id);
    await request(staff, 'status.set', { status: 'online' });
    const presentTab = await h.staff(node, ws.workspaceId, present.id);
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    const conversationId: string = started.conversation.id;
    expect(started.conversation.agentId).toBe(author.id);

    await request(staff, 'note.add', { conversationId, body: 'Can you check the refund for order A-1?', mentions: [away.id, present.id] });
    await request(staff, 'note.add', { conversationId, body: 'Also the shipping address changed.', mentions: [away.id] });
    await expect.poll(() => h.redis.llen(pendingMentionsKey(h.prefix, away.id, conversationId))).toBe(2);
    expect(await h.redis.exists(pendingKindsKey(h.prefix, present.id, conversationId))).toBe(0);

    await sink.waitFor(() => sink.to(away.email).length >= 1, 20_000, 'the mention email');
    const [mail] = sink.to(away.email);
    expect(mail.parsed.subject).toMatch(/^2 mentions in the chat with /);
    expect(mail.parsed.text).toContain('Can you check the refund for order A-1?');
    expect(mail.parsed.text).toContain('Also the shipping address changed.');
    expect(mail.parsed.text).toMatch(/mentioned you in a note/);
    expect(mail.header('list-unsubscribe')).toMatch(/k=mention/);
    // The batch is consumed; nothing for the colleague with a tab open.
    await expect.poll(() => h.redis.exists(pendingMentionsKey(h.prefix, away.id, conversationId))).toBe(0);
    expect(sink.to(present.email)).toHaveLength(0);
    expect(sink.to(author.email)).toHaveLength(0);
    presentTab.disconnect();
  }, 30_000);
});
