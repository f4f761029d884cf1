import { QueueEvents } from 'bullmq';
import { ConversationService } from '../../src/domain/conversations/service';
import { SubmissionService } from '../../src/domain/submissions/service';
import { RedisKeys } from '../../src/lib/redis';
import type { RealtimeServer } from '../../src/realtime/server';
import { startEmailWorker, type EmailWorkerHandle } from '../../src/worker/email';
import { startAgentNotifyWorker } from '../../src/worker/email-notify';
import { AGENT_NOTIFY_QUEUE } from '../../src/infra/mail/notify-queue';
import { afterAll, beforeAll } from 'vitest';
import { ChatHarness, TEST_AUTH_SECRET } from './chat';
import { SmtpSink } from './smtp-sink';

/**
 * The worker's email side for integration tests, as src/worker/worker.ts wires it: the outbox sender
 * pointed at the test's SMTP sink (short retries) and the delayed notification jobs (agent digests, new
 * left messages, visitor unseen replies), with the test's auth secret and MAIL_FROM / EMAIL_INBOUND_DOMAIN.
 */
export async function startEmailWorkers(h: ChatHarness, node: RealtimeServer, sink: SmtpSink, options: { publicWebUrl?: string } = {}) {
  const bull = { prefix: new RedisKeys(h.prefix).bullPrefix() };
  const email: EmailWorkerHandle = await startEmailWorker(h.database.db, h.redis, bull, {
    smtpUrl: sink.url,
    fromAddress: 'noreply@chat.test',
    retryBaseMs: 200,
    maxAttempts: 5,
    pollMs: 50,
    stalledMs: 2000,
    sendTimeoutMs: 2000,
  });
  const notify = startAgentNotifyWorker(
    {
      db: h.database.db,
      redis: h.redis,
      redisPrefix: h.prefix,
      conversations: new ConversationService(h.database.db),
      submissions: new SubmissionService(h.database.db, h.redis, node.settings, h.prefix),
      settings: node.settings,
      socketCount: (w, a) => node.routing.socketCount(w, a),
      publicWebUrl: options.publicWebUrl ?? 'http://chat.test',
      authSecret: TEST_AUTH_SECRET,
      visitorEmail: () => ({ authSecret: TEST_AUTH_SECRET, fromAddress: process.env.MAIL_FROM || 'noreply@localhost', inboundDomain: process.env.EMAIL_INBOUND_DOMAIN ?? '' }),
    },
    bull,
  );
  return {
    email,
    async close() {
      await notify.close();
      await email.close();
    },
  };
}

/**
 * Results of the delayed notification jobs as the worker reports them (BullMQ `completed` events), so a
 * test awaits "the job of this message ran and sent nothing" instead of sleeping.
 */
export async function notifyJobResults(h: ChatHarness) {
  const connection = h.redis.duplicate();
  const events = new QueueEvents(AGENT_NOTIFY_QUEUE, { connection, prefix: new RedisKeys(h.prefix).bullPrefix() });
  await events.waitUntilReady();
  const done = new Map<string, unknown>();
  const waiters = new Map<string, (value: unknown) => void>();
  events.on('completed', ({ jobId, returnvalue }) => {
    const value = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
    done.set(jobId, value);
    waiters.get(jobId)?.(value);
  });
  return {
    /** The return value of the job (e.g. `{ result: 'sent' }`), once it completed. */
    result(jobId: string, timeoutMs = 20_000): Promise<unknown> {
      if (done.has(jobId)) return Promise.resolve(done.get(jobId));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`job ${jobId} did not complete within ${timeoutMs} ms`)), timeoutMs);
        waiters.set(jobId, (value) => {
          clearTimeout(timer);
          resolve(value);
        });
      });
    },
    async close() {
      await events.close();
      connection.disconnect();
    },
  };
}

/**
 * The usual setup of an email test file: a harness, a real SMTP sink, one realtime node, the email workers
 * and the job results; started before the file's tests and stopped after. Read the fields inside tests.
 */
export function emailTestBed() {
  const bed = {
    h: new ChatHarness(),
    sink: new SmtpSink(),
    node: undefined as unknown as RealtimeServer,
    workers: undefined as unknown as Awaited<ReturnType<typeof startEmailWorkers>>,
    jobs: undefined as unknown as Awaited<ReturnType<typeof notifyJobResults>>,
  };
  beforeAll(async () => {
    await bed.h.setup();
    await bed.sink.start();
    bed.node = await bed.h.startNode();
    bed.workers = await startEmailWorkers(bed.h, bed.node, bed.sink);
    bed.jobs = await notifyJobResults(bed.h);
  });
  afterAll(async () => {
    await bed.jobs?.close();
    await bed.workers?.close();
    await bed.sink.stop();
    await bed.h.teardown();
  });
  return bed;
}
