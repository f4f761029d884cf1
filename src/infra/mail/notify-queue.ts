import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AgentNotifyJob } from '../../domain/email/agent-notify';
import { guardEmitter } from '../../lib/dependencies';

export const AGENT_NOTIFY_QUEUE = 'agent-notify';

/** One job per agent and conversation while a batch is pending (BullMQ ids may not contain ':'). */
export function agentNotifyJobId(job: AgentNotifyJob): string {
  return `an-${job.agentId}-${job.conversationId}`;
}

/** Producer side (every process that publishes chat events): schedules a batch once. */
export function agentNotifyScheduler(redis: Redis, bullPrefix: string) {
  const queue = guardEmitter(new Queue<AgentNotifyJob>(AGENT_NOTIFY_QUEUE, { connection: redis, prefix: bullPrefix }), 'agent notify queue');
  return {
    queue,
    async schedule(job: AgentNotifyJob, delayMs: number) {
      await queue.add('digest', job, { jobId: agentNotifyJobId(job), delay: delayMs, removeOnComplete: true, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 5_000 } });
    },
  };
}
