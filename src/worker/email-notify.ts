import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import type { ConversationService } from '../domain/conversations/service';
import { sendAgentDigest } from '../domain/email/agent-digest';
import type { AgentNotifyJob } from '../domain/email/agent-notify';
import { AGENT_NOTIFY_QUEUE } from '../infra/mail/notify-queue';
import { guardEmitter } from '../lib/dependencies';
import { logger } from '../lib/logger';

/** The worker side: after the delay, the digest email (or nothing if the agent came back). */
export function startAgentNotifyWorker(
  deps: { db: Db; redis: Redis; redisPrefix: string; conversations: ConversationService; socketCount(w: string, a: string): Promise<number>; publicWebUrl: string; authSecret: string },
  bull: { prefix: string },
) {
  const worker = guardEmitter(
    new Worker<AgentNotifyJob>(
      AGENT_NOTIFY_QUEUE,
      async (job) => ({ result: await sendAgentDigest(deps, job.data, `${job.id}-${job.timestamp}`) }),
      { connection: deps.redis.duplicate(), ...bull, concurrency: 5 },
    ),
    'agent notify worker',
  );
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'agent notification failed'));
  return { close: () => worker.close() };
}
