/**
 * Webhook delivery benchmark (issue 7): deliveries per second and enqueue-to-2xx latency (outbox commit ->
 * 2xx at the receiver) at a local sink on 127.0.0.1, with 50 concurrent deliveries (worker concurrency 50,
 * per-endpoint limit 50). Runs the real relay + BullMQ delivery worker in-process against its own database
 * (`livechat_bench_webhooks`, recreated each run) and Redis prefix.
 *
 *   npx tsx bench/webhooks.ts              standalone (prints one JSON line)
 *   npm run bench -- --only=webhooks       as part of the suite (bench/run.ts imports runWebhookBench)
 *
 * Two phases: a burst of BURST events committed at once (throughput; latency includes queueing), then a
 * paced phase at PACED_RATE events/s (latency at a load the pipeline keeps up with).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createDb } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { AccountsService } from '../src/domain/accounts/service';
import { ConversationService } from '../src/domain/conversations/service';
import { SettingsService } from '../src/domain/settings/service';
import { emitWebhookEvent } from '../src/domain/webhooks/events';
import { WebhookService } from '../src/domain/webhooks/service';
import { createRedis, RedisKeys } from '../src/lib/redis';
import { startWorker } from '../src/worker/worker';
import { webhookStages, type SinkRecord } from './webhook-stages';

const DATABASE = `${/^[a-z0-9_]+$/.test(process.env.BENCH_DATABASE ?? '') ? process.env.BENCH_DATABASE : 'livechat_bench'}_webhooks`;
const CONCURRENCY = 50;
// Read when the bench runs (bench/run.ts sets them for --smoke after importing this module).
const size = () => ({
  burst: Number(process.env.BENCH_WEBHOOK_BURST ?? 5000),
  rate: Number(process.env.BENCH_WEBHOOK_RATE ?? 500),
  seconds: Number(process.env.BENCH_WEBHOOK_SECONDS ?? 5),
  /** Events per request (`webhook.delivery.batchMax`): 1 = one POST per event. */
  batchMax: Number(process.env.BENCH_WEBHOOK_BATCH ?? 100),
});
const CONVERSATIONS = 200;
/** The worker's pool: createDb's default, what src/worker/main.ts runs with. */
const WORKER_POOL = Number(process.env.BENCH_WEBHOOK_WORKER_POOL ?? 10);
const BURST_TX = 250;

function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] * 100) / 100;
}

const now = () => performance.timeOrigin + performance.now();
const LOOP_RESOLUTION_MS = 5;
const lag = (ns: number) => Math.round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100;

export async function runWebhookBench(ctx: { databaseUrl?: string; redisUrl?: string } = {}): Promise<Record<string, unknown>> {
  const { burst: BURST, rate: PACED_RATE, seconds: PACED_SECONDS, batchMax: BATCH_MAX } = size();
  process.env.LOG_LEVEL ??= 'warn';
  const base = new URL(ctx.databaseUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat');
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const dbUrl = new URL(base);
  dbUrl.pathname = `/${DATABASE}`;
  const db = createDb(dbUrl.toString(), { max: 20 });
  const redisUrl = ctx.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = createRedis(redisUrl);
  const prefix = `bench_wh_${randomBytes(4).toString('hex')}`;

  // The sink: answers 200 at once and records enqueue-to-2xx latency per event.
  const latencies: number[] = [];
  // Paced phase: latency from the outbox row's COMMIT (the enqueue) to the 2xx; the time the emit waited
  // for PostgreSQL before its commit (this shared machine's commit queue) is reported apart.
  const committedAt = new Map<string, number>();
  const deliveredAt = new Map<string, number>();
  const commitWaits: number[] = [];
  const seen = new Set<string>();
  // Per event (eventId): when its request arrived and was answered, and its job (the stage breakdown).
  const sinkRecords = new Map<string, SinkRecord>();
  let received = 0;
  let waiter: { target: number; resolve: () => void } | null = null;
  const sink = createServer((req, res) => {
    const requestAt = now();
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      res.writeHead(200).end('ok');
      type Envelope = { eventId: string; deliveryId: string; data: { sentAt: number; messageId: string } };
      const body = JSON.parse(raw) as Envelope | Envelope[];
      const at = now();
      const events = Array.isArray(body) ? body : [body];
      for (const event of events) {
        if (seen.has(event.eventId)) continue;
        seen.add(event.eventId);
        sinkRecords.set(event.eventId, { requestAt, okAt: at, jobId: events[0].deliveryId, eventId: event.eventId });
        latencies.push(at - event.data.sentAt);
        deliveredAt.set(event.data.messageId, at);
        received++;
      }
      if (waiter && received >= waiter.target) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/sink`;
  const arrived = (target: number, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (received >= target) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiter = { target, resolve: () => (clearTimeout(timer), resolve(true)) };
    });

  try {
    await runMigrations(db);
    const accounts = new AccountsService(db);
    const { workspaceId, user } = await accounts.signUp({ workspaceName: 'Webhook Bench', name: 'Admin', email: `admin-${prefix}@bench.test`, password: 'bench-password' });
    const settings = new SettingsService(db, redis, new RedisKeys(prefix).settingsChannel());
    const webhooks = new WebhookService(db, settings, { allowPrivateTargets: true });
    await webhooks.saveTarget(workspaceId, user.id, 'push', { enabled: true, url: sinkUrl, eventTypes: ['message.created'] });
    const current = await settings.get(workspaceId, 'webhook');
    await settings.save(workspaceId, 'webhook', { ...current.value, delivery: { ...current.value.delivery, maxConcurrency: CONCURRENCY, batchMax: BATCH_MAX } }, user.id);
    const conversations = new ConversationService(db);
    const conversationIds: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const visitorId = await conversations.createVisitor(workspaceId);
      conversationIds.push((await conversations.start(workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'always_on' })).conversation.id);
    }

    // The worker has its own pool (as in production): the emitter's queue for connections is not its wait.
    const workerDb = createDb(dbUrl.toString(), { max: WORKER_POOL });
    const startDeliveryWorker = () =>
      startWorker({ redisPrefix: prefix, webhooks: { allowPrivateTargets: true, retryBaseMs: 1000, pollMs: 20, stalledMs: 30_000, concurrency: CONCURRENCY } }, workerDb, createRedis(redisUrl));
    let worker: Awaited<ReturnType<typeof startWorker>> | null = null;
    let n = 0;
    const emit = (executor: Parameters<typeof emitWebhookEvent>[0] = db, conversation?: number) => {
      const i = n++;
      const conversationId = conversationIds[conversation ?? i % CONVERSATIONS];
      const data = { conversationId, messageId: `m${i}`, messageSeq: i, senderType: 'visitor' as const, senderId: null, body: 'x'.repeat(120), offline: false, createdAt: new Date().toISOString(), sentAt: now() };
      return emitWebhookEvent(executor, workspaceId, 'message.created', data);
    };

    try {
      // Phase 1: burst. The 5,000 events are committed first and the worker started after: the delivery rate
      // is the pipeline's (relay, jobs, POSTs, attempt records), not how fast this machine commits the events.
      // Committed in transactions of BURST_TX events (as a busy message path's group commits do): the delivery
      // pipeline is measured, not this machine's commit rate for 5,000 separate transactions.
      // The transactions run at once, each on its own conversations (no lock waits between them).
      const committing = now();
      const txCount = Math.ceil(BURST / BURST_TX);
      const perTx = Math.max(1, Math.floor(CONVERSATIONS / txCount));
      await Promise.all(
        Array.from({ length: txCount }, (_, k) =>
          db.transaction(async (tx) => {
            for (let j = k * BURST_TX; j < Math.min(BURST, (k + 1) * BURST_TX); j++) await emit(tx, (k * perTx + (j % perTx)) % CONVERSATIONS);
          }),
        ),
      );
      const burstCommitted = now();
      const burstStart = now();
      worker = await startDeliveryWorker();
      const burstOk = await arrived(BURST, 120_000);
      const burstEnd = now();
      const burstLat = [...latencies].sort((a, b) => a - b);

      // Phase 2: paced.
      latencies.length = 0;
      const pacedTotal = PACED_RATE * PACED_SECONDS;
      // The emitter, the worker and the sink share this process: its event-loop delay is in every stage.
      const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      loopDelay.enable();
      // Queries waiting for one of the worker pool's connections (the relay and 50 deliveries share them).
      const poolWaiting: number[] = [];
      const sampler = setInterval(() => poolWaiting.push(workerDb.$client.waitingCount), 5);
      const pacedStart = now();
      for (let i = 0; i < pacedTotal; i++) {
        const due = pacedStart + (i * 1000) / PACED_RATE;
        const wait = due - now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const sentAt = now();
        const messageId = `m${n}`;
        void emit().then(() => {
          committedAt.set(messageId, now());
          commitWaits.push(now() - sentAt);
        });
      }
      const pacedOk = await arrived(BURST + pacedTotal, 60_000);
      loopDelay.disable();
      clearInterval(sampler);
      poolWaiting.sort((a, b) => a - b);
      const pacedLat = [...latencies].sort((a, b) => a - b);
      // A delivery can even precede the emitter's view of its commit (the notification races the reply): 0.
      const fromCommit = [...committedAt].map(([id, at]) => Math.max(0, (deliveredAt.get(id) ?? Infinity) - at)).sort((a, b) => a - b);
      commitWaits.sort((a, b) => a - b);
      const stages = await webhookStages(db, redis, `${new RedisKeys(prefix).bullPrefix()}:webhooks`, committedAt, sinkRecords);

      return {
        concurrency: CONCURRENCY,
        batchMax: BATCH_MAX,
        burst: {
          events: BURST,
          delivered: Math.min(received, BURST),
          complete: burstOk,
          commitSeconds: Math.round(burstCommitted - committing) / 1000,
          deliveriesPerSecond: Math.round((BURST / (burstEnd - burstStart)) * 1000),
          /** From the worker's start (all 5,000 committed before) to the last delivery. */
          drainSeconds: Math.round(burstEnd - burstStart) / 1000,
          enqueueTo2xxMs: { p50: percentile(burstLat, 0.5), p99: percentile(burstLat, 0.99), max: percentile(burstLat, 1) },
        },
        paced: {
          ratePerSecond: PACED_RATE,
          events: pacedTotal,
          complete: pacedOk,
          enqueueTo2xxMs: { p50: percentile(fromCommit, 0.5), p99: percentile(fromCommit, 0.99), max: percentile(fromCommit, 1) },
          emitTo2xxMs: { p50: percentile(pacedLat, 0.5), p99: percentile(pacedLat, 0.99), max: percentile(pacedLat, 1) },
          commitWaitMs: { p50: percentile(commitWaits, 0.5), p99: percentile(commitWaits, 0.99) },
          stages,
          workerPool: { size: WORKER_POOL, waitingP50: percentile(poolWaiting, 0.5), waitingP99: percentile(poolWaiting, 0.99) },
          /** Beyond the 5 ms sampling interval (the histogram holds whole intervals). */
          eventLoopDelayMs: { p50: lag(loopDelay.percentile(50)), p99: lag(loopDelay.percentile(99)), max: lag(loopDelay.max) },
        },
      };
    } finally {
      await worker?.close();
      await workerDb.$client.end();
    }
  } finally {
    sink.closeAllConnections();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
    await redis.quit();
    await db.$client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runWebhookBench().then(
    (result) => {
      console.log(JSON.stringify({ scenario: 'webhooks', ...result }));
      process.exit(0);
    },
    (error) => {
      console.error('webhook bench failed:', error);
      process.exit(1);
    },
  );
}
