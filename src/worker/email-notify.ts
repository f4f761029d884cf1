import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import type { ConversationService } from '../domain/conversations/service';
import { sendAgentDigest } from '../domain/email/agent-digest';
import type { AgentNotifyJob } from '../domain/email/agent-notify';
import { sendSubmissionNotifications, type SubmissionNotifyJob } from '../domain/email/submission-notify';
import { sendUnseenReplies, type UnseenRepliesJob } from '../domain/email/unseen-replies';
import type { VisitorEmailConfig } from '../domain/email/visitor-transcript';
import type { SettingsService } from '../domain/settings/service';
import type { SubmissionService } from '../domain/submissions/service';
import { AGENT_NOTIFY_QUEUE, type NotifyJobData } from '../infra/mail/notify-queue';
import { guardEmitter } from '../lib/dependencies';
import { logger } from '../lib/logger';

export interface NotifyWorkerDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  conversations: ConversationService;
  submissions: SubmissionService;
  settings: SettingsService;
  socketCount(w: string, a: string): Promise<number>;
  publicWebUrl: string;
  authSecret: string;
  visitorEmail: () => VisitorEmailConfig;
}

/** The worker side of the delayed notification emails: digests, new left messages, visitor unseen replies. */
export function startAgentNotifyWorker(deps: NotifyWorkerDeps, bull: { prefix: string }) {
  const worker = guardEmitter(
    new Worker<NotifyJobData>(
      AGENT_NOTIFY_QUEUE,
      async (job) => {
        if (job.name === 'submission') return { queued: await sendSubmissionNotifications(deps, job.data as SubmissionNotifyJob) };
        if (job.name === 'unseen') return { result: await sendUnseenReplies({ ...deps, config: deps.visitorEmail() }, job.data as UnseenRepliesJob) };
        return { result: await sendAgentDigest(deps, job.data as AgentNotifyJob, `${job.id}-${job.timestamp}`) };
      },
      { connection: deps.redis.duplicate(), ...bull, concurrency: 5 },
    ),
    'agent notify worker',
  );
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'notification email failed'));
  return { close: () => worker.close() };
}
