import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AgentNotifyJob } from '../../domain/email/agent-notify';
import type { SubmissionNotifyJob } from '../../domain/email/submission-notify';
import type { UnseenRepliesJob } from '../../domain/email/unseen-replies';
import { guardEmitter } from '../../lib/dependencies';

/** Delayed notification emails (F15): agent digests ('digest'), new left messages ('submission'), visitor unseen replies ('unseen'). */
export const AGENT_NOTIFY_QUEUE = 'agent-notify';

export type NotifyJobData = AgentNotifyJob | SubmissionNotifyJob | UnseenRepliesJob;

/** One job per agent and conversation while a batch is pending (BullMQ ids may not contain ':'). */
export function agentNotifyJobId(job: AgentNotifyJob): string {
  return `an-${job.agentId}-${job.conversationId}`;
}

const RETRIES = { removeOnComplete: true, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential' as const, delay: 5_000 } };

/** Producer side (every process that publishes chat events): schedules each job once (fixed job ids). */
export function agentNotifyScheduler(redis: Redis, bullPrefix: string) {
  const queue = guardEmitter(new Queue<NotifyJobData>(AGENT_NOTIFY_QUEUE, { connection: redis, prefix: bullPrefix }), 'agent notify queue');
  return {
    queue,
    async schedule(job: AgentNotifyJob, delayMs: number) {
      await queue.add('digest', job, { jobId: agentNotifyJobId(job), delay: delayMs, ...RETRIES });
    },
    /** One job per left message (the agents who were away are in its data). */
    async scheduleSubmission(job: SubmissionNotifyJob, delayMs: number) {
      await queue.add('submission', job, { jobId: `sn-${job.submissionId}`, delay: delayMs, ...RETRIES });
    },
    /** One job per agent message: each waits the full delay (the sender finds what is still unseen then). */
    async scheduleUnseen(job: UnseenRepliesJob, delayMs: number) {
      await queue.add('unseen', job, { jobId: `vu-${job.conversationId}-${job.seq}`, delay: delayMs, ...RETRIES });
    },
  };
}
