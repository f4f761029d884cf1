import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/domain/conversations/service';
import { SettingsService } from '../../src/domain/settings/service';
import { WebhookService } from '../../src/domain/webhooks/service';
import { RedisKeys } from '../../src/lib/redis';
import { ChatHarness } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { verifySignature, WebhookReceiver } from '../helpers/webhook-receiver';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';

const h = new ChatHarness();
const sink = new WebhookReceiver();
const workers = new Set<WorkerProcess>();

/**
 * The real worker process (`tsx src/worker/main.ts`) against this file's database and Redis prefix.
 * `defaults`: the shipped stalled-job, retry and poll settings (only private targets allowed).
 */
async function startWorkerProcess(options: { defaults?: boolean } = {}): Promise<WorkerProcess> {
  const worker = await spawnWorker({
    databaseUrl: h.database.url,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: h.prefix,
    extra: options.defaults
      ? { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }
      : { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RELAY_POLL_MS: '50', WEBHOOK_STALLED_MS: '1500' },
  });
  workers.add(worker);
  return worker;
}

beforeAll(async () => {
  await h.setup();
  await sink.start();
});
afterAll(async () => {
  await Promise.all([...workers].map((w) => w.kill()));
  await sink.close();
  await h.teardown();
});

describe('webhooks survive a worker crash', () => {
  it('kill -9 during a delivery: after a restart every committed event is delivered', async () => {
    const ws = await h.createWorkspace(0);
    const settings = new SettingsService(h.database.db, h.redis, new RedisKeys(h.prefix).settingsChannel());
    const webhooks = new WebhookService(h.database.db, settings, { allowPrivateTargets: true });
    const { secret } = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: true, url: sink.url, eventTypes: ['message.created'] });
    const current = await settings.get(ws.workspaceId, 'webhook');
    await settings.save(ws.workspaceId, 'webhook', { ...current.value, delivery: { ...current.value.delivery, timeoutSeconds: 2 } }, ws.adminId);

    const conversations = new ConversationService(h.database.db);
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'always_on' });
    const sent: string[] = [];
    const send = async (n: number) => {
      const m = await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, `message ${n}`, `c${n}`);
      sent.push(m.id);
    };
    for (let i = 0; i < 10; i++) await send(i);

    // The first delivery hangs at the receiver: the worker is killed while it is in flight.
    sink.respond = (_hook, index) => (index === 0 ? 'hang' : { status: 200 });
    const first = await startWorkerProcess();
    await sink.waitFor(() => sink.received.length >= 1, 30_000, 'the first delivery');
    await first.kill();

    // Events committed while no worker runs are not lost either.
    for (let i = 10; i < 20; i++) await send(i);
    await startWorkerProcess();
    const deliveredIds = () => new Set(sink.received.filter((r) => r.event === 'message.created').map((r) => r.body.data.messageId));
    await sink.waitFor(() => sent.every((id) => deliveredIds().has(id)), 30_000, 'every committed message');
    // The interrupted delivery is retried with the same delivery id once the dead worker's job counts as
    // stalled; later events of the conversation do not wait for a delivery in flight past its timeout, so
    // they may all arrive first.
    const interrupted = sink.received[0].deliveryId;
    await sink.waitFor(() => sink.received.filter((r) => r.deliveryId === interrupted).length >= 2, 60_000, 'the interrupted delivery, retried');

    for (const hook of sink.received) expect(verifySignature(secret!, hook)).toBe(true);
  }, 180_000); // two worker processes start: slow on a loaded machine

  it('kill -9 during a burst of 200 events: with the shipped settings every event is delivered within 30 s of the worker being back', async () => {
    const ws = await h.createWorkspace(0);
    const settings = new SettingsService(h.database.db, h.redis, new RedisKeys(h.prefix).settingsChannel());
    const webhooks = new WebhookService(h.database.db, settings, { allowPrivateTargets: true });
    await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: true, url: sink.url, eventTypes: ['message.created'] });
    const received = sink.received.length;
    // Every answer takes 150 ms: with the default 10 parallel requests per endpoint, deliveries are in flight
    // when the worker dies.
    sink.respond = () => ({ status: 200, delayMs: 150 });

    const conversations = new ConversationService(h.database.db);
    const chats = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const visitorId = await conversations.createVisitor(ws.workspaceId);
        const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'always_on' });
        return { visitorId, conversationId: conversation.id };
      }),
    );
    const sent: string[] = [];
    /** Events `from`..`to`-1, the 20 conversations writing in parallel (each in order). */
    const burst = (from: number, to: number) =>
      Promise.all(
        chats.map(async (chat, c) => {
          for (let n = from; n < to; n++) {
            if (n % chats.length !== c) continue;
            const m = await conversations.appendMessage(ws.workspaceId, chat.conversationId, { type: 'visitor', id: chat.visitorId, name: null }, `burst ${n}`, `b${n}`);
            sent.push(m.id);
          }
        }),
      );
    const deliveredIds = () => new Set(sink.received.slice(received).filter((r) => r.event === 'message.created').map((r) => r.body.data.messageId));

    const first = await startWorkerProcess({ defaults: true });
    await burst(0, 100);
    await sink.waitFor(() => deliveredIds().size >= 20, 60_000, 'the first deliveries of the burst');
    // SIGKILL while the burst goes on: the second half is committed around and after the crash.
    const rest = burst(100, 200);
    await first.kill();
    await rest;
    expect(sent).toHaveLength(200);
    expect(deliveredIds().size).toBeLessThan(200);

    await startWorkerProcess({ defaults: true });
    const back = Date.now();
    const missedAtRestart = sent.filter((id) => !deliveredIds().has(id)).length;
    await sink.waitFor(() => sent.every((id) => deliveredIds().has(id)), 30_000, 'all 200 events within 30 s of the restart');
    const catchUp = Date.now() - back;
    expect(catchUp).toBeLessThanOrEqual(30_000);
    console.info(`[fault] worker kill -9 mid-burst (200 events, ${200 - missedAtRestart} delivered before the restart): all delivered ${(catchUp / 1000).toFixed(1)} s after the worker was back`);
  }, 240_000);
});
