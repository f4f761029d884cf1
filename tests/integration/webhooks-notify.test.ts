import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/domain/conversations/service';
import { SettingsService } from '../../src/domain/settings/service';
import { emitSubmissionCreated } from '../../src/domain/webhooks/events';
import { WebhookService } from '../../src/domain/webhooks/service';
import { createRedis, RedisKeys } from '../../src/lib/redis';
import { startWorker } from '../../src/worker/worker';
import { ChatHarness } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * The webhook relay is woken by LISTEN/NOTIFY at the outbox commit: with a fallback poll of 10 minutes
 * (x20 while listening) an event can only arrive within seconds through the notification — also after the
 * listening connection was killed (it reconnects and relays what was committed meanwhile).
 */
const h = new ChatHarness();
const sink = new WebhookReceiver();

beforeAll(async () => {
  await h.setup();
  await sink.start();
  h.workers.push(await startWorker({ redisPrefix: h.prefix, webhooks: { allowPrivateTargets: true, retryBaseMs: 1000, pollMs: 600_000, stalledMs: 5000 } }, h.database.db, createRedis(TEST_REDIS_URL)));
});
afterAll(async () => {
  await h.teardown();
  await sink.close();
});

describe('webhook relay wake-up', () => {
  it('relays at the outbox commit, not at the next poll, and recovers when the listening connection dies', async () => {
    const ws = await h.createWorkspace(1);
    const settings = new SettingsService(h.database.db, h.redis, new RedisKeys(h.prefix).settingsChannel());
    await new WebhookService(h.database.db, settings, { allowPrivateTargets: true }).saveTarget(ws.workspaceId, ws.adminId, 'push', { enabled: true, url: sink.url, eventTypes: ['submission.created'] });
    const conversations = new ConversationService(h.database.db);
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    const emit = (n: number) => emitSubmissionCreated(h.database.db, ws.workspaceId, { submissionId: crypto.randomUUID(), visitorId, channel: 'desktop', fields: { content: `event ${n}` } });

    await emit(1);
    await sink.waitFor(() => sink.received.length >= 1, 10_000, 'the first event');

    // Kill the worker's LISTEN connection: it reconnects, then picks up an event committed meanwhile.
    await h.database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN lc_outbox%' and pid <> pg_backend_pid()`);
    await emit(2);
    await sink.waitFor(() => sink.received.length >= 2, 10_000, 'the event committed while reconnecting');
    expect(sink.received.map((r) => r.event)).toEqual(['submission.created', 'submission.created']);
  });
});
