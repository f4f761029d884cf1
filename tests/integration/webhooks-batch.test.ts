import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../src/db/schema';
import { ConversationService } from '../../src/domain/conversations/service';
import { SettingsService } from '../../src/domain/settings/service';
import { emitWebhookEvent } from '../../src/domain/webhooks/events';
import { WebhookService } from '../../src/domain/webhooks/service';
import { createRedis, RedisKeys } from '../../src/lib/redis';
import { startWorker } from '../../src/worker/worker';
import { ChatHarness, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { verifySignature, WebhookReceiver, type ReceivedWebhook } from '../helpers/webhook-receiver';

/** Batched delivery (`webhook.delivery.batchMax` > 1): one signed POST carries an array of events. */
const h = new ChatHarness();
let settings: SettingsService;
let webhooks: WebhookService;
let conversations: ConversationService;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  await h.setup();
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

type Envelope = ReceivedWebhook['body'];

async function batchedEndpoint(ws: TestWorkspace, batchMax: number) {
  const sink = await new WebhookReceiver().start();
  receivers.push(sink);
  const { secret } = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: true, url: sink.url, eventTypes: ['message.created'] });
  const current = await settings.get(ws.workspaceId, 'webhook');
  await settings.save(ws.workspaceId, 'webhook', { ...current.value, delivery: { ...current.value.delivery, batchMax } }, ws.adminId);
  return { sink, secret: secret! };
}

/** `count` message.created events over `chats` conversations, committed as fast as possible. */
async function emitMessages(ws: TestWorkspace, chats: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < chats; i++) {
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    ids.push((await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'always_on' })).conversation.id);
  }
  // Conversations in parallel, each conversation's events one after the other (as the message path commits them).
  for (let i = 0; i < count; i += chats) {
    await Promise.all(
      ids.slice(0, Math.min(chats, count - i)).map((conversationId, j) =>
        emitWebhookEvent(h.database.db, ws.workspaceId, 'message.created', {
          conversationId,
          messageId: `m${i + j}`,
          messageSeq: i + j,
          senderType: 'visitor',
          senderId: null,
          body: `message ${i + j}`,
          offline: false,
          createdAt: new Date().toISOString(),
        }),
      ),
    );
  }
  return ids;
}

const events = (hooks: ReceivedWebhook[]) => hooks.flatMap((hk) => hk.body as unknown as Envelope[]);

describe('batched webhook delivery', () => {
  it('sends signed arrays of events, each event once, in order per conversation, with fewer requests than events', async () => {
    const ws = await h.createWorkspace(0);
    const { sink, secret } = await batchedEndpoint(ws, 25);
    const chats = await emitMessages(ws, 3, 60);
    await sink.waitFor(() => events(sink.received).length >= 60, 20_000, '60 events');

    for (const hook of sink.received) {
      expect(Array.isArray(hook.body)).toBe(true);
      expect(hook.event).toBe('batch');
      expect(verifySignature(secret, hook)).toBe(true);
      expect((hook.body as unknown as Envelope[]).length).toBeLessThanOrEqual(25);
    }
    const all = events(sink.received);
    expect(new Set(all.map((e) => e.eventId)).size).toBe(60);
    expect(sink.received.length).toBeLessThan(60);
    for (const id of chats) {
      const seqs = all.filter((e) => e.conversationId === id).map((e) => e.seq!);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(20);
    }
    await expect
      .poll(async () => (await h.database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, all.map((e) => e.deliveryId)))).every((d) => d.status === 'succeeded' && d.attempts === 1))
      .toBe(true);
  });

  it('retries a failed batch as a whole (same events, every delivery counts the attempt), then succeeds', async () => {
    const ws = await h.createWorkspace(0);
    const { sink } = await batchedEndpoint(ws, 100);
    sink.respond = (_hook, index) => (index === 0 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' });
    await emitMessages(ws, 1, 5);
    await sink.waitFor(() => new Set(events(sink.received.slice(1)).map((e) => e.eventId)).size >= 5, 20_000, 'the retry');
    const first = new Set(events(sink.received.slice(0, 1)).map((e) => e.eventId));
    const retried = events(sink.received.slice(1)).filter((e) => first.has(e.eventId));
    expect(retried.length).toBe(first.size);
    const ids = events(sink.received.slice(0, 1)).map((e) => e.deliveryId);
    await expect
      .poll(async () => (await h.database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids))).map((d) => `${d.status}/${d.attempts}`))
      .toEqual(ids.map(() => 'succeeded/2'));
  });
});
