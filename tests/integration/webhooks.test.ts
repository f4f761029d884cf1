import { TagService } from '../../src/domain/tags/service';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../../src/db/schema';
import { ConversationService } from '../../src/domain/conversations/service';
import { SettingsService } from '../../src/domain/settings/service';
import { moderationChannel, ModerationService } from '../../src/domain/moderation/service';
import { emitSubmissionCreated, emitSubmissionReplied, emitWebhookEvent, WEBHOOK_EVENT_SCHEMAS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../src/domain/webhooks/events';
import { postWebhook } from '../../src/domain/webhooks/http';
import { WebhookService } from '../../src/domain/webhooks/service';
import { createRedis, RedisKeys } from '../../src/lib/redis';
import type { RealtimeServer } from '../../src/realtime/server';
import { startWorker } from '../../src/worker/worker';
import { ChatHarness, request, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { verifySignature, WebhookReceiver, type ReceivedWebhook } from '../helpers/webhook-receiver';

const h = new ChatHarness();
let node: RealtimeServer;
let settings: SettingsService;
let webhooks: WebhookService;
let conversations: ConversationService;
const receivers: WebhookReceiver[] = [];

async function receiver(): Promise<WebhookReceiver> {
  const r = await new WebhookReceiver().start();
  receivers.push(r);
  return r;
}

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  // Retry base 1.25 s: consecutive attempts fall in different seconds, so their timestamps (and signatures) differ.
  h.workers.push(
    await startWorker({ redisPrefix: h.prefix, webhooks: { allowPrivateTargets: true, retryBaseMs: 1250, pollMs: 50, stalledMs: 5000 } }, h.database.db, createRedis(TEST_REDIS_URL)),
  );
  settings = new SettingsService(h.database.db, h.redis, new RedisKeys(h.prefix).settingsChannel());
  webhooks = new WebhookService(h.database.db, settings, { allowPrivateTargets: true });
  conversations = new ConversationService(h.database.db);
});
afterAll(async () => {
  await h.teardown();
  await Promise.all(receivers.map((r) => r.close()));
});

async function pushAll(ws: TestWorkspace, url: string): Promise<string> {
  const saved = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: true, url, eventTypes: [...WEBHOOK_EVENT_TYPES] });
  expect(saved.secret).toMatch(/^whsec_/);
  return saved.secret!;
}

const byConversation = (hooks: ReceivedWebhook[], id: string) => hooks.filter((r) => r.body.conversationId === id);

describe('webhook delivery', () => {
  it('delivers every event type the system emits, signed, with a per-conversation sequence', async () => {
    const ws = await h.createWorkspace(2, { receptionLimit: 1 });
    const sink = await receiver();
    const secret = await pushAll(ws, sink.url);
    // Ratings on, and a masked customer word: their events come from the real rating and message paths.
    await h.saveSettings(node, ws.workspaceId, 'satisfaction', {
      enabled: true,
      maxInvitations: 2,
      allowOverwrite: false,
      agentsSeeResults: false,
      scheme: { scale: 5, levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: `L${score}`, tags: score === 5 ? ['Quick'] : [] })), solvedEnabled: true },
    });
    await h.saveSettings(node, ws.workspaceId, 'sensitiveWords', { customerAction: 'mask' });
    await new ModerationService(h.database.db, h.redis, moderationChannel(h.prefix), node.settings).add(ws.workspaceId, { side: 'customer', words: ['darn'] });

    const [a1, a2] = await Promise.all([h.staff(node, ws.workspaceId, ws.agents[0].id), h.staff(node, ws.workspaceId, ws.agents[1].id)]);
    await request(a1, 'status.set', { status: 'online' });
    await request(a2, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', { channel: 'desktop', entryUrl: 'https://shop.example/' });
    const conversationId: string = started.conversation.id;
    const holder = started.conversation.agentId as string;
    const other = holder === ws.agents[0].id ? ws.agents[1].id : ws.agents[0].id;
    const holderSocket = holder === ws.agents[0].id ? a1 : a2;
    expect((await request(visitor, 'message.send', { conversationId, clientMsgId: 'v1', body: 'Hello' })).ok).toBe(true);
    expect((await request(holderSocket, 'message.send', { conversationId, clientMsgId: 'a1', body: 'Hi there' })).ok).toBe(true);
    expect((await request(visitor, 'message.send', { conversationId, clientMsgId: 'v2', body: 'Oh darn' })).message.body).toBe('Oh ****');
    expect((await request(holderSocket, 'chat.transfer', { conversationId, to: { type: 'agent', id: other } })).ok).toBe(true);
    const otherSocket = holderSocket === a1 ? a2 : a1;
    expect((await request(otherSocket, 'rating.invite', { conversationId })).ok).toBe(true);
    expect((await request(visitor, 'rating.submit', { conversationId, score: 5, tags: ['Quick'], solved: true })).ok).toBe(true);
    // Both agents are now at their limit of 1 or free; make the free one busy so the next chat queues.
    await request(holderSocket, 'status.set', { status: 'busy' });
    const second = await h.visitor(node, ws.widgetKey);
    const queued = await request(second.socket, 'chat.start', { channel: 'mobile' });
    expect(queued.conversation.status).toBe('queued');
    // Issue 15: the agent now holding the chat tags it (conversation.tagged).
    const tag = await new TagService(h.database.db).create(ws.workspaceId, { name: 'Billing', color: '#059669' });
    expect((await request(holderSocket === a1 ? a2 : a1, 'conversation.tags.set', { conversationId, tagIds: [tag.id] })).ok).toBe(true);
    expect((await request(visitor, 'chat.end', { conversationId })).ok).toBe(true);

    // Submission events are emitted through the typed emitters (their paths are tested in submissions-api).
    const db = h.database.db;
    await emitSubmissionCreated(db, ws.workspaceId, { submissionId: '00000000-0000-4000-8000-000000000001', visitorId: null, fields: { email: 'x@example.com' } });
    await emitSubmissionReplied(db, ws.workspaceId, { submissionId: '00000000-0000-4000-8000-000000000001', visitorId: null, agentId: other, body: 'Thanks' });
    // Files sent with a message (tests/integration/attachments.test.ts sends real ones and checks this event).
    await emitWebhookEvent(db, ws.workspaceId, 'message.attachments', { conversationId, messageId: '00000000-0000-4000-8000-000000000002', senderType: 'visitor', senderId: '00000000-0000-4000-8000-000000000003', offline: false, attachments: [] });

    const want = [...WEBHOOK_EVENT_TYPES];
    await sink.waitFor(() => want.every((t) => sink.received.some((r) => r.event === t)), 20_000, `all of ${want.join(', ')}`);
    const endedOfChat = () => byConversation(sink.received, conversationId).some((r) => r.event === 'conversation.ended');
    await sink.waitFor(endedOfChat);

    for (const hook of sink.received) {
      expect(verifySignature(secret, hook), `signature of ${hook.event}`).toBe(true);
      expect(hook.body.type).toBe(hook.event);
      expect(hook.body.deliveryId).toBe(hook.deliveryId);
      expect(hook.body.workspaceId).toBe(ws.workspaceId);
      expect(Math.abs(Number(hook.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      // The payload of every event type matches its declared schema (domain/webhooks/outbox.ts), strictly.
      const parsed = WEBHOOK_EVENT_SCHEMAS[hook.event as WebhookEventType].safeParse(hook.body.data);
      expect(parsed.success, `payload of ${hook.event}: ${parsed.error?.message}`).toBe(true);
    }
    const statuses = sink.received.filter((r) => r.event === 'agent.status_changed').map((r) => r.body.data);
    expect(statuses).toContainEqual({ agentId: holder, status: 'busy', previous: 'online' });
    const message = sink.received.find((r) => r.event === 'message.created' && r.body.data.body === 'Hello')!;
    expect(message.body.data).toMatchObject({ conversationId, senderType: 'visitor', offline: false, messageSeq: expect.any(Number) });
    expect(sink.received.find((r) => r.event === 'satisfaction.submitted')!.body.data).toMatchObject({ conversationId, agentId: other, score: 5, scale: 5, tags: ['Quick'], solved: true });
    expect(sink.received.find((r) => r.event === 'sensitive_word.hit')!.body.data).toMatchObject({ conversationId, dimension: 'customer', action: 'mask', words: ['darn'] });
    const transfer = sink.received.find((r) => r.event === 'conversation.transferred')!;
    expect(transfer.body.data).toMatchObject({ conversationId, fromAgentId: holder, toAgentId: other });
    expect(sink.received.find((r) => r.event === 'conversation.queued')!.body.data).toMatchObject({ conversationId: queued.conversation.id, position: 1 });

    // Every event of the conversation arrived once, numbered 1..n without gaps.
    await sink.waitFor(() => byConversation(sink.received, conversationId).some((r) => r.event === 'sensitive_word.hit'));
    const seqs = [...new Set(byConversation(sink.received, conversationId).map((r) => r.body.seq))].sort((x, y) => x! - y!);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('retries 500 with the same delivery id and fresh signatures, then succeeds', async () => {
    const ws = await h.createWorkspace(0);
    const sink = await receiver();
    sink.respond = (_hook, index) => (index < 2 ? { status: 500, body: 'boom' } : { status: 200, body: 'fine' });
    const secret = await pushAll(ws, sink.url);
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'realtime' });

    await sink.waitFor(() => sink.received.length >= 3, 20_000, 'three attempts');
    const [first, second, third] = sink.received;
    expect(new Set([first.deliveryId, second.deliveryId, third.deliveryId]).size).toBe(1);
    expect(new Set([first.signature, second.signature, third.signature]).size).toBe(3);
    for (const hook of sink.received) expect(verifySignature(secret, hook)).toBe(true);
    expect(first.rawBody).toBe(third.rawBody);

    const row = await waitForDelivery(first.deliveryId, (d) => d.status === 'succeeded');
    expect(row.attempts).toBe(3);
    expect(row.lastStatusCode).toBe(200);
    const log = await webhooks.listDeliveries(ws.workspaceId, { kind: 'push' });
    const entry = log.items.find((i) => i.id === first.deliveryId)!;
    expect(entry.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(entry.attemptLog[0].responseExcerpt).toBe('boom');
  });

  it('does not retry a 400', async () => {
    const ws = await h.createWorkspace(0);
    const sink = await receiver();
    sink.respond = () => ({ status: 400, body: 'bad payload' });
    await pushAll(ws, sink.url);
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'realtime' });
    await sink.waitFor(() => sink.received.length >= 1);
    const row = await waitForDelivery(sink.received[0].deliveryId, (d) => d.status === 'failed');
    expect(row).toMatchObject({ attempts: 1, lastStatusCode: 400, nextAttemptAt: null });
    expect(sink.received).toHaveLength(1);
  });

  it('sends nothing to disabled endpoints, and disables an endpoint that keeps failing', async () => {
    const ws = await h.createWorkspace(0);
    const live = await receiver();
    const off = await receiver();
    // "Live-chat events" on (the barrier), push notifications configured but turned off.
    await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url: live.url });
    await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: false, url: off.url, eventTypes: ['conversation.started'] });
    const v1 = await conversations.createVisitor(ws.workspaceId);
    const c1 = await conversations.start(ws.workspaceId, v1, { channel: 'desktop', entryUrl: null, mode: 'realtime' });
    await live.waitFor(() => live.received.some((r) => r.body.conversationId === c1.conversation.id));

    // Automatically disabled endpoint: on, but disabled after failures.
    await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: true, url: off.url, eventTypes: ['conversation.started'] });
    const [endpoint] = await h.database.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, ws.workspaceId), eq(webhookEndpoints.kind, 'push')));
    await h.database.db.update(webhookEndpoints).set({ disabledAt: new Date(), disabledReason: 'test' }).where(eq(webhookEndpoints.id, endpoint.id));
    await conversations.end(ws.workspaceId, c1.conversation.id, 'system');
    const v2 = await conversations.createVisitor(ws.workspaceId);
    const c2 = await conversations.start(ws.workspaceId, v2, { channel: 'desktop', entryUrl: null, mode: 'realtime' });
    await live.waitFor(() => live.received.some((r) => r.body.conversationId === c2.conversation.id));
    expect(off.received).toHaveLength(0);
    const rows = await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(rows).toHaveLength(0);

    // Sustained failure: failing for longer than the configured time -> disabled, with the reason recorded.
    const failing = await receiver();
    failing.respond = () => ({ status: 503 });
    const current = await settings.get(ws.workspaceId, 'webhook');
    await settings.save(ws.workspaceId, 'webhook', { ...current.value, delivery: { ...current.value.delivery, autoDisableAfterMinutes: 1 } }, ws.adminId);
    await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url: failing.url });
    const [events] = await h.database.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, ws.workspaceId), eq(webhookEndpoints.kind, 'events')));
    await h.database.db.update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 5 * 60_000) }).where(eq(webhookEndpoints.id, events.id));
    await conversations.end(ws.workspaceId, c2.conversation.id, 'system');
    await failing.waitFor(() => failing.received.length >= 1);
    const disabled = await waitFor(async () => {
      const [row] = await h.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, events.id));
      return row.disabledAt ? row : null;
    });
    expect(disabled.disabledReason).toMatch(/failed for more than 1 minutes.*HTTP 503/);
    const overview = await webhooks.overview(ws.workspaceId);
    expect(overview.endpoints.find((e) => e.kind === 'events')!.disabledReason).toBe(disabled.disabledReason);
    expect(JSON.stringify(overview)).not.toContain(events.secret);
  });
});

describe('webhook target safety', () => {
  it('refuses private, loopback and link-local targets unless allowed', async () => {
    const ws = await h.createWorkspace(0);
    const strict = new WebhookService(h.database.db, settings, { allowPrivateTargets: false });
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.0.0.5/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[fe80::1]/']) {
      await expect(strict.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url }), url).rejects.toMatchObject({ code: 'bad_request' });
    }
    await expect(strict.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url: 'ftp://example.com/' })).rejects.toMatchObject({ code: 'bad_request' });
    // Allowed by the environment setting (tests, development).
    const sink = await receiver();
    await expect(webhooks.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url: sink.url })).resolves.toMatchObject({ secret: expect.any(String) });

    // Delivery time: a host name resolving to loopback is refused when connecting (DNS rebinding).
    const refused = await postWebhook({ url: `http://localhost:${sink.port}/hook`, secret: 's', eventType: 'x', deliveryId: 'd', body: '{}', timeoutMs: 2000, allowPrivate: false });
    expect(refused.statusCode).toBeNull();
    expect(refused.error).toMatch(/non-public|not a public/);
    expect(sink.received).toHaveLength(0);
  });

  it('rotates secrets, shows them once, and sends a test delivery with the answer', async () => {
    const ws = await h.createWorkspace(0);
    const sink = await receiver();
    sink.respond = () => ({ status: 202, body: 'accepted by test receiver' });
    const first = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'offline', { enabled: true, url: sink.url });
    const again = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'offline', { enabled: true, url: sink.url });
    expect(first.secret).toBeTruthy();
    expect(again.secret).toBeNull();
    const rotated = await webhooks.rotateSecret(ws.workspaceId, 'offline');
    expect(rotated.secret).not.toBe(first.secret);
    const test = await webhooks.sendTest(ws.workspaceId, 'offline');
    expect(test).toMatchObject({ statusCode: 202, responseExcerpt: 'accepted by test receiver', error: null });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0].event).toBe('webhook.test');
    expect(verifySignature(rotated.secret, sink.received[0])).toBe(true);
    expect(verifySignature(first.secret!, sink.received[0])).toBe(false);
    const log = await webhooks.listDeliveries(ws.workspaceId, { eventType: 'webhook.test' });
    expect(log.items[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 202 });
  });
});

describe('offline messages', () => {
  it('marks a message offline when the other side has no socket and pushes it to the offline webhook', async () => {
    const ws = await h.createWorkspace(1);
    const sink = await receiver();
    const { secret } = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'offline', { enabled: true, url: sink.url });
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const { socket: visitor } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', { channel: 'desktop' });
    const conversationId = started.conversation.id;
    await request(visitor, 'message.send', { conversationId, clientMsgId: 'on', body: 'agent is here' });
    // The visitor leaves; the agent's reply is an offline message.
    const gone = new Promise((resolve) => visitor.once('disconnect', resolve));
    visitor.disconnect();
    await gone;
    await waitFor(async () => !(await node.routing.visitorConnected(ws.workspaceId, started.conversation.visitorId)));
    await request(agent, 'message.send', { conversationId, clientMsgId: 'off', body: 'sorry for the wait' });
    await sink.waitFor(() => sink.received.some((r) => r.body.data?.body === 'sorry for the wait'));
    const hook = sink.received.find((r) => r.body.data?.body === 'sorry for the wait')!;
    expect(hook.event).toBe('message.created');
    expect(hook.body.data).toMatchObject({ offline: true, senderType: 'agent' });
    expect(verifySignature(secret!, hook)).toBe(true);
    expect(sink.received.some((r) => r.body.data?.body === 'agent is here')).toBe(false);
  });
});

async function waitFor<T>(probe: () => Promise<T | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function waitForDelivery(id: string, check: (d: typeof webhookDeliveries.$inferSelect) => boolean) {
  return waitFor(async () => {
    const [row] = await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    return row && check(row) ? row : null;
  });
}
