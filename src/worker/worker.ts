import { Queue, Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { NodeRegistry } from '../domain/routing/nodes';
import { CHAT_TIMERS_QUEUE, MAINTENANCE_QUEUE, PRESENCE_QUEUE, PRIVACY_QUEUE, type ChatTimerJob, type PresenceGraceJob } from '../infra/jobs';
import { guardEmitter } from '../lib/dependencies';
import { logger } from '../lib/logger';
import { compose } from '../server/compose';
import { foldReports } from '../domain/reports/rollup';
import { registerWorkerMetrics } from './metrics';
import { startSearchIndexer } from './search-indexer';
import { startAgentNotifyWorker } from './email-notify';
import { DEFAULT_EMAIL_WORKER_CONFIG, startEmailWorker, type EmailWorkerConfig } from './email';
import { DEFAULT_WEBHOOK_WORKER_CONFIG, startWebhookWorker, type WebhookWorkerConfig } from './webhooks';

export interface WorkerConfig {
  redisPrefix: string;
  concurrency?: number;
  /** How often the dead-node sweeper runs. */
  sweepEveryMs?: number;
  /** Webhook relay and delivery (F10); defaults: private targets refused, 30 s retry base. */
  webhooks?: Partial<WebhookWorkerConfig>;
  /** Email sending (F15); no SMTP URL: emails wait in the outbox. */
  email?: Partial<EmailWorkerConfig>;
  /** Links in emails (agent notifications) point here. */
  publicWebUrl?: string;
  /** AUTH_SECRET (signs attachment links; the worker hands none out). */
  authSecret?: string;
  /** How often the retention pass runs (workspaces' "delete conversations older than N days"); default hourly. */
  retentionEveryMs?: number;
}

export interface WorkerHandle {
  /** Waits for running jobs to finish, then stops. */
  close(): Promise<void>;
}

/** Starts every BullMQ processor of the product against the given database and Redis. */
export async function startWorker(config: WorkerConfig, db: Db, redis: Redis): Promise<WorkerHandle> {
  const settingsSub = redis.duplicate();
  const app = compose({ db, redis, redisPrefix: config.redisPrefix, authSecret: config.authSecret });
  await app.listen(settingsSub);
  const { keys, settings, routing, chat, timerQueue } = app;
  const bull = { prefix: keys.bullPrefix() };
  const maintenanceQueue = guardEmitter(new Queue(MAINTENANCE_QUEUE, { connection: redis, ...bull }), 'maintenance queue');
  const nodes = new NodeRegistry(redis, config.redisPrefix);

  const markOffline = async (workspaceId: string, agentId: string, reason: string) => {
    const current = await routing.agent(workspaceId, agentId);
    if (!current || current.status === 'offline') return false;
    await chat.agents.setAgentStatus(workspaceId, agentId, 'offline', reason);
    logger.info({ workspaceId, agentId, reason }, 'agent marked offline');
    return true;
  };

  const presenceProcessor: Processor<PresenceGraceJob> = async (job) => {
    const { workspaceId, agentId } = job.data;
    // The agent may have reconnected on any node since the timer was set.
    if ((await routing.socketCount(workspaceId, agentId)) > 0) return { skipped: 'reconnected' };
    return { offline: await markOffline(workspaceId, agentId, 'disconnected') };
  };

  const timerProcessor: Processor<ChatTimerJob> = async (job) => {
    const data = job.data;
    if (data.kind === 'queue-timeout') return { result: await chat.lifecycle.onQueueTimeout(data.workspaceId, data.conversationId) };
    if (data.kind === 'end-timer') return { result: await chat.aftercare.onEndTimer(data.workspaceId, data.conversationId, data.timer, data.mark) };
    if (data.kind === 'visitor-gone') return { result: await chat.abandonment.onVisitorGone(data.workspaceId, data.visitorId) };
    if (data.kind === 'long-wait') return { result: await chat.monitorFeed.onLongWait(data.workspaceId, data.conversationId, data.seconds) };
    return { result: await chat.transfers.onReplyTimeout(data.workspaceId, data.conversationId, data.agentId) };
  };

  /** A realtime node that stopped heart-beating crashed: its agents' sockets are gone. */
  const maintenanceProcessor: Processor = async (job) => {
    // Reports: fold the new reporting-log rows into the rollups (bounded: one batch per run).
    if (job.name === 'fold-reports') return foldReports(db, { batch: 100_000, maxBatches: 1 });
    let swept = 0;
    for (const dead of await nodes.deadNodes()) {
      for (const { workspaceId, agentId } of dead.agents) {
        if ((await routing.removeNodeSockets(workspaceId, agentId, dead.nodeId)) === 0 && (await markOffline(workspaceId, agentId, 'node_lost'))) swept++;
      }
      await nodes.forget(dead.nodeId);
      logger.warn({ nodeId: dead.nodeId, agents: dead.agents.length }, 'swept a dead realtime node');
    }
    return { swept };
  };

  // Retention: its own queue and worker (concurrency 1), so a long pass never delays the sweeper or timers;
  // it deletes in small batches with pauses, only ended conversations (domain/privacy/retention.ts).
  const { privacy } = app;
  const privacyQueue = guardEmitter(new Queue(PRIVACY_QUEUE, { connection: redis, ...bull }), 'privacy queue');
  const retentionProcessor: Processor = async () => privacy.runRetention();

  const workerOptions = { connection: redis.duplicate(), ...bull, concurrency: config.concurrency ?? 10 };
  const workers = [
    new Worker<PresenceGraceJob>(PRESENCE_QUEUE, presenceProcessor, workerOptions),
    new Worker<ChatTimerJob>(CHAT_TIMERS_QUEUE, timerProcessor, { ...workerOptions, connection: redis.duplicate() }),
    new Worker(MAINTENANCE_QUEUE, maintenanceProcessor, { ...workerOptions, connection: redis.duplicate(), concurrency: 1 }),
    new Worker(PRIVACY_QUEUE, retentionProcessor, { ...workerOptions, connection: redis.duplicate(), concurrency: 1 }),
  ];
  for (const w of workers) {
    guardEmitter(w, `${w.name} worker`);
    w.on('failed', (job, err) => logger.error({ err, queue: w.name, jobId: job?.id }, 'job failed'));
  }
  // Idempotent across workers: one scheduler id, so several workers do not multiply the sweeps.
  const webhooks = await startWebhookWorker(db, redis, settings, bull, config.redisPrefix, { ...DEFAULT_WEBHOOK_WORKER_CONFIG, ...config.webhooks });
  const email = await startEmailWorker(db, redis, bull, { ...DEFAULT_EMAIL_WORKER_CONFIG, ...config.email });
  const agentNotify = startAgentNotifyWorker(
    {
      db,
      redis,
      redisPrefix: config.redisPrefix,
      conversations: app.conversations,
      submissions: app.submissions,
      settings: app.settings,
      socketCount: (w, a) => routing.socketCount(w, a),
      publicWebUrl: config.publicWebUrl ?? 'http://localhost:3000',
      authSecret: config.authSecret ?? '',
      visitorEmail: app.visitorEmail,
    },
    bull,
  );
  const searchIndexer = startSearchIndexer(db);
  const scheduleSweeper = () =>
    Promise.all([
      maintenanceQueue.upsertJobScheduler('sweep-dead-nodes', { every: config.sweepEveryMs ?? 5_000 }, { name: 'sweep-dead-nodes' }),
      maintenanceQueue.upsertJobScheduler('fold-reports', { every: 10_000 }, { name: 'fold-reports' }),
      privacyQueue.upsertJobScheduler('retention', { every: config.retentionEveryMs ?? 3_600_000 }, { name: 'retention' }),
    ]);
  await scheduleSweeper();
  // A Redis that lost its data lost the scheduler too: re-create it (idempotent) whenever Redis is back.
  const onReady = () => void scheduleSweeper().catch(() => {});
  redis.on('ready', onReady);
  const stopMetrics = registerWorkerMetrics(db, [timerQueue, maintenanceQueue, webhooks.queue, email.queue]);

  return {
    async close() {
      redis.off('ready', onReady);
      stopMetrics();
      await Promise.allSettled([...workers.map((w) => w.close()), webhooks.close(), email.close(), agentNotify.close(), searchIndexer.close()]);
      await Promise.allSettled([app.close(), maintenanceQueue.close(), privacyQueue.close(), settingsSub.quit()]);
    },
  };
}
