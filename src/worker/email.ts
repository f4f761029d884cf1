import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { EmailSender, type MailTransport } from '../domain/email/sender';
import { smtpTransport } from '../infra/mail/smtp';
import { guardEmitter } from '../lib/dependencies';
import { logger } from '../lib/logger';

export const EMAIL_QUEUE = 'email';

export interface EmailWorkerConfig {
  /** No URL: emails stay queued (the delivery log says so) until one is configured. */
  smtpUrl?: string;
  fromAddress: string;
  /** Backoff base: attempt n waits base·2^(n-1) (8 attempts at 30 s ≈ 1 h of retries). */
  retryBaseMs: number;
  maxAttempts: number;
  pollMs: number;
  /** BullMQ lock of a send job: a crashed worker's job is picked up again after about this long. */
  stalledMs: number;
  /** Bound on the SMTP connection, greeting and each read. */
  sendTimeoutMs: number;
  /** Test seam: another transport than SMTP. */
  transport?: MailTransport;
}

export const DEFAULT_EMAIL_WORKER_CONFIG: EmailWorkerConfig = {
  fromAddress: 'noreply@localhost',
  retryBaseMs: 30_000,
  maxAttempts: 8,
  pollMs: 1_000,
  stalledMs: 30_000,
  sendTimeoutMs: 30_000,
};

interface EmailJob {
  id: string;
}

export interface EmailWorkerHandle {
  queue: Queue<EmailJob>;
  relayOnce(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Email sending in the worker: a relay polls the outbox for rows to send and hands each to the `email`
 * BullMQ queue (job id = row id, so a row is queued once however many workers relay); the processor sends
 * it through the SMTP adapter with retries and exponential backoff (see EmailSender for at-most-once).
 */
export async function startEmailWorker(db: Db, redis: Redis, bull: { prefix: string }, config: EmailWorkerConfig): Promise<EmailWorkerHandle> {
  const queue = guardEmitter(new Queue<EmailJob>(EMAIL_QUEUE, { connection: redis, ...bull }), 'email queue');
  const transport = config.transport ?? (config.smtpUrl ? smtpTransport({ url: config.smtpUrl, timeoutMs: config.sendTimeoutMs }) : undefined);
  const sender = transport ? new EmailSender(db, transport, { fromAddress: config.fromAddress, leaseMs: config.sendTimeoutMs * 3 + 5_000 }) : undefined;
  if (!sender) {
    logger.warn('SMTP_URL is not set: emails are queued in the outbox but not sent (see docs/email.md)');
    return { queue, relayOnce: async () => 0, close: async () => void (await queue.close()) };
  }
  const jobOptions = {
    attempts: config.maxAttempts,
    backoff: { type: 'exponential' as const, delay: config.retryBaseMs },
    removeOnComplete: true,
    removeOnFail: 1000,
  };

  async function relayOnce(): Promise<number> {
    // A row whose job was lost (Redis flushed) is queued again after ten retry bases; a job still waiting is not duplicated (same id).
    const ids = await sender!.due(200, Math.max(60_000, config.retryBaseMs * 10));
    if (!ids.length) return 0;
    await queue.addBulk(ids.map((id) => ({ name: 'send', data: { id }, opts: { ...jobOptions, jobId: id } })));
    await sender!.markEnqueued(ids);
    return ids.length;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await relayOnce();
    } catch (error) {
      logger.warn({ err: error }, 'email relay pass failed');
    }
    if (!stopped) timer = setTimeout(loop, config.pollMs);
  };
  void loop();

  const processor = async (job: Job<EmailJob>) => {
    const final = job.attemptsMade + 1 >= config.maxAttempts;
    const outcome = await sender.send(job.data.id, final);
    if (outcome === 'retry') throw new Error('SMTP server unavailable, retrying');
    if (outcome === 'sent') logger.info({ emailId: job.data.id }, 'email sent');
    return { outcome };
  };
  const worker = guardEmitter(
    new Worker<EmailJob>(EMAIL_QUEUE, processor, {
      connection: redis.duplicate(),
      ...bull,
      concurrency: 5,
      lockDuration: config.stalledMs,
      stalledInterval: config.stalledMs,
      maxStalledCount: 5,
    }),
    'email worker',
  );
  worker.on('failed', (job, err) => logger.warn({ emailId: job?.data.id, attempt: job?.attemptsMade, err: err.message }, 'email attempt failed'));

  return {
    queue,
    relayOnce,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await worker.close();
      await queue.close();
      (transport as { close?: () => void }).close?.();
    },
  };
}
