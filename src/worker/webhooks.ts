import http from 'node:http';
import https from 'node:https';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { inArray, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { webhookDeliveries, webhookEndpoints, webhookSigning } from '../db/schema';
import type { SettingsService } from '../domain/settings/service';
import { isRetryable, MAX_ATTEMPTS, retryDelayMs } from '../domain/webhooks/backoff';
import type { WebhookEnvelope, WebhookKind } from '../domain/webhooks/events';
import { postWebhook } from '../domain/webhooks/http';
import { FINAL_STATUSES, recordEndpointHealth, targetOf } from '../domain/webhooks/service';
import { recordBatchAttempt } from '../domain/webhooks/batch';
import { disableGone } from '../domain/webhooks/attempts';
import { standardPayload } from '../domain/webhooks/standard';
import { logger } from '../lib/logger';
import { guardEmitter } from '../lib/dependencies';
import { metrics } from '../lib/metrics';
import { DELIVERY_JOB_OPTIONS, startOutboxRelay, type WebhookJob } from './webhook-relay';

export type { WebhookJob } from './webhook-relay';

export const WEBHOOK_QUEUE = 'webhooks';

export interface WebhookWorkerConfig {
  allowPrivateTargets: boolean;
  /** Base of the retry schedule (tests: a few ms). */
  retryBaseMs: number;
  /** Outbox poll interval when idle. */
  pollMs: number;
  /**
   * Lock duration of delivery jobs (renewed every half of it while a job runs); the stalled check runs every
   * half of it too, so a job of a crashed worker is back in the queue at most ~2× this after the crash
   * (docs/reliability.md "Webhook catch-up").
   */
  stalledMs: number;
  /** Delivery jobs processed at once by this worker (over all endpoints). */
  concurrency: number;
  relayBatch?: number;
}

export const DEFAULT_WEBHOOK_WORKER_CONFIG: WebhookWorkerConfig = { allowPrivateTargets: false, retryBaseMs: 30_000, pollMs: 250, stalledMs: 10_000, concurrency: 50 };


/** Per-endpoint semaphore: leases in a sorted set scored by expiry, so a crashed holder frees its slot. */
const ACQUIRE_SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
  return 1
end
return 0`;


interface DeliveryContext extends Record<string, unknown> {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  outbox_id: string | number | null;
  event_type: string;
  conversation_id: string | null;
  seq: number | null;
  status: string;
  attempts: number;
  kind: WebhookKind;
  secret: string;
  disabled_at: Date | null;
  /** No failure run and a success recorded in the last 10 s: a success needs no health write. */
  healthy: boolean;
  payload: unknown;
  occurred_at: Date | string | null;
  /** Signing (webhook_signing): null format = the original X-Livechat format. */
  format: 'standard' | 'legacy' | null;
  previous_secret: string | null;
  /** Seconds since the latest earlier open delivery of the row's conversation (same endpoint, not in this job) moved; null: none. */
  earlier_open_age: string | number | null;
}

export interface WebhookWorkerHandle {
  queue: Queue<WebhookJob>;
  /** Relays one batch now (tests, benchmarks); returns how many outbox events it relayed. */
  relayOnce(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Webhook delivery in the worker:
 * - the relay (`webhook-relay.ts`) turns committed outbox events into delivery rows and BullMQ jobs;
 * - the processor POSTs each delivery (signed, timeout per attempt), retries 5xx/429/network errors on the
 *   backoff schedule, keeps per-endpoint concurrency under the configured limit and per-conversation order
 *   while the receiver answers in time, and disables an endpoint that keeps failing.
 */
export async function startWebhookWorker(
  db: Db,
  redis: Redis,
  settings: SettingsService,
  bull: { prefix: string },
  redisPrefix: string,
  config: WebhookWorkerConfig,
): Promise<WebhookWorkerHandle> {
  const queue = guardEmitter(new Queue<WebhookJob>(WEBHOOK_QUEUE, { connection: redis, ...bull }), 'webhook queue');
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };
  const semRedis = redis as Redis & { lcWebhookAcquire(key: string, ...args: (string | number)[]): Promise<number> };
  if (!('lcWebhookAcquire' in redis)) redis.defineCommand('lcWebhookAcquire', { numberOfKeys: 1, lua: ACQUIRE_SCRIPT });
  const semKey = (endpointId: string) => `${redisPrefix}:webhook:sem:${endpointId}`;
  const relay = startOutboxRelay(db, redis, queue, settings, config);

  // ------------------------------------------------------------------ delivery

  async function delay(job: Job<WebhookJob>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + ms, token);
    throw new DelayedError();
  }

  const processor = async (job: Job<WebhookJob>, token?: string) => {
    const ids = job.data.deliveryIds ?? [job.data.deliveryId];
    const { rows: loaded } = await db.execute<DeliveryContext>(sql`
      select d.id, d.workspace_id, d.endpoint_id, d.outbox_id, d.event_type, d.conversation_id, d.seq, d.status, d.attempts,
        e.kind, e.secret, e.disabled_at, (e.failing_since is null and e.last_success_at > now() - interval '10 seconds') as healthy,
        o.payload, o.created_at as occurred_at,
        s.format, case when s.previous_secret_expires_at > now() then s.previous_secret end as previous_secret,
        (select extract(epoch from now() - max(w.updated_at)) from ${webhookDeliveries} w
          where w.endpoint_id = d.endpoint_id and w.conversation_id = d.conversation_id and w.outbox_id < d.outbox_id
            and w.status in ('pending', 'in_flight') and not (w.id = any(${sql.param(ids)}::uuid[]))) as earlier_open_age
      from ${webhookDeliveries} d
      join ${webhookEndpoints} e on e.id = d.endpoint_id
      left join ${webhookSigning} s on s.endpoint_id = e.id
      left join outbox o on o.id = d.outbox_id
      where d.id = any(${sql.param(ids)}::uuid[])
      order by d.outbox_id nulls first, d.id`);
    // A retried batch re-sends only what is still open (a delivery finished by an earlier run is not repeated).
    const open = loaded.filter((o) => !(FINAL_STATUSES as readonly string[]).includes(o.status));
    if (!open.length) return { skipped: loaded[0]?.status ?? 'missing' };
    const d = open[0];
    const value = await settings.value(d.workspace_id, 'webhook');
    // A receiver that takes batches always gets an array (one format), even of one event. A batch job met by a
    // receiver that no longer takes batches (setting changed) sends its first event and re-queues the others.
    // Standard Webhooks carry one event per request: such an endpoint never gets a batch.
    const standard = d.format === 'standard';
    const batched = value.delivery.batchMax > 1 && !standard;
    if (!batched && open.length > 1) {
      await queue.addBulk(open.slice(1).map((o) => ({ name: o.event_type, data: { deliveryId: o.id }, opts: { ...DELIVERY_JOB_OPTIONS, jobId: o.id } })));
      open.splice(1);
    }
    const openIds = open.map((o) => o.id);
    const target = targetOf(value, d.kind);
    if (d.disabled_at || !target.enabled || !target.url) {
      await db
        .update(webhookDeliveries)
        .set({ status: 'cancelled', lastError: d.disabled_at ? 'Endpoint disabled' : 'Webhook turned off', updatedAt: new Date(), completedAt: new Date(), nextAttemptAt: null })
        .where(inArray(webhookDeliveries.id, openIds));
      return { cancelled: open.length };
    }
    const timeoutMs = value.delivery.timeoutSeconds * 1000;

    // Order per conversation: wait while an earlier event of one of the job's conversations (to this endpoint,
    // not in this job) is queued or in flight and the receiver answers in time; one in retry backoff does not block.
    // Read with the job's rows (one round trip fewer): per row, how long ago the latest earlier open delivery
    // of its conversation moved; the first open row of each conversation decides.
    const firsts = new Set<string>();
    let waitForEarlier = false;
    for (const o of open) {
      if (!o.conversation_id || o.outbox_id === null || firsts.has(o.conversation_id)) continue;
      firsts.add(o.conversation_id);
      if (o.earlier_open_age !== null && Number(o.earlier_open_age) < (timeoutMs + 2000) / 1000) waitForEarlier = true;
    }
    if (waitForEarlier) return delay(job, token, 5 + Math.floor(Math.random() * 10));

    // Per-endpoint concurrency: without a free slot, step aside (the job goes back to the delayed set).
    const lease = `${job.id}:${Date.now()}:${Math.random()}`;
    const acquired = await semRedis.lcWebhookAcquire(semKey(d.endpoint_id), Date.now(), value.delivery.maxConcurrency, timeoutMs + 5000, lease);
    if (!acquired) return delay(job, token, 25 + Math.floor(Math.random() * 50));

    let attempts: Map<string, number>;
    let result;
    try {
      const marked = await db
        .update(webhookDeliveries)
        .set({ status: 'in_flight', attempts: sql`${webhookDeliveries.attempts} + 1`, updatedAt: new Date() })
        .where(inArray(webhookDeliveries.id, openIds))
        .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts });
      attempts = new Map(marked.map((m) => [m.id, m.attempts]));
      const envelope = (o: DeliveryContext): WebhookEnvelope => ({
        deliveryId: o.id,
        eventId: String(o.outbox_id),
        type: o.event_type,
        workspaceId: o.workspace_id,
        conversationId: o.conversation_id,
        seq: o.seq,
        occurredAt: new Date(o.occurred_at ?? Date.now()).toISOString(),
        data: o.payload,
      });
      const body = standard
        ? JSON.stringify(standardPayload({ ...envelope(d), eventId: String(d.outbox_id) }))
        : JSON.stringify(batched ? open.map(envelope) : envelope(d));
      result = await postWebhook({
        url: target.url,
        secret: d.secret,
        format: standard ? 'standard' : 'legacy',
        previousSecret: standard ? d.previous_secret : null,
        eventType: batched ? 'batch' : d.event_type,
        deliveryId: batched ? `batch:${d.id}` : d.id,
        body,
        timeoutMs,
        allowPrivate: config.allowPrivateTargets,
        agents,
      });
    } finally {
      await redis.zrem(semKey(d.endpoint_id), lease).catch(() => {});
    }

    const attempt = Math.max(...attempts.values());
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const retryIn = !ok && isRetryable(result) ? retryDelayMs(attempt, config.retryBaseMs) : null;
    const status = ok ? 'succeeded' : retryIn !== null ? 'retrying' : 'failed';
    const recorded = open.map((o) => ({ id: o.id, workspaceId: o.workspace_id, attempt: attempts.get(o.id) ?? o.attempts + 1 }));
    await recordBatchAttempt(db, recorded, target.url, result, { status, nextAttemptAt: retryIn !== null ? new Date(Date.now() + retryIn) : null });
    if (!ok) metrics.webhookFailures.inc({ final: status === 'failed' ? 'yes' : 'no' }, open.length);
    // 410 Gone (Standard Webhooks): the receiver is gone for good; the endpoint is disabled at once.
    const disabled = result.statusCode === 410
      ? await disableGone(db, d.endpoint_id)
      : ok && d.healthy
        ? null
        : await recordEndpointHealth(db, d.endpoint_id, result, value.delivery.autoDisableAfterMinutes);
    if (disabled) logger.warn({ workspaceId: d.workspace_id, endpointId: d.endpoint_id, kind: d.kind }, 'webhook endpoint disabled after sustained failures');
    if (retryIn !== null && !disabled) return delay(job, token, retryIn);
    return { status, deliveries: open.length, attempts: attempt, statusCode: result.statusCode, attemptsLeft: Math.max(MAX_ATTEMPTS - attempt, 0) };
  };

  const worker = new Worker<WebhookJob>(WEBHOOK_QUEUE, processor, {
    connection: redis.duplicate(),
    ...bull,
    concurrency: config.concurrency,
    lockDuration: config.stalledMs,
    stalledInterval: Math.max(500, Math.floor(config.stalledMs / 2)),
    maxStalledCount: 100,
  });
  guardEmitter(worker, 'webhook worker');
  worker.on('failed', (job, err) => logger.error({ err, deliveryId: job?.id }, 'webhook delivery job failed'));

  return {
    queue,
    relayOnce: relay.relayOnce,
    async close() {
      await relay.close();
      await worker.close();
      await queue.close();
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
