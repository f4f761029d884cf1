import type { Queue } from 'bullmq';
import type { ChatTimers } from '../domain/chat/timers';

/** Queue names and job payloads shared by producers (realtime, web) and the worker. */
export const PRESENCE_QUEUE = 'presence';
export const CHAT_TIMERS_QUEUE = 'chat-timers';
export const MAINTENANCE_QUEUE = 'maintenance';

export interface PresenceGraceJob {
  workspaceId: string;
  agentId: string;
}

export type ChatTimerJob =
  | { kind: 'queue-timeout'; workspaceId: string; conversationId: string }
  | { kind: 'reply-timeout'; workspaceId: string; conversationId: string; agentId: string };

/** One pending grace timer per agent: a reconnect removes it, a new disconnect replaces it. */
export function presenceGraceJobId(workspaceId: string, agentId: string): string {
  return `grace-${workspaceId}-${agentId}`;
}

export function queueTimeoutJobId(conversationId: string): string {
  return `qt-${conversationId}`;
}

export function replyTimeoutJobId(conversationId: string, agentId: string): string {
  return `rt-${conversationId}-${agentId}`;
}

const TIMER_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const;

/**
 * ChatTimers over BullMQ delayed jobs: durable in Redis (they survive restarts of every process), and a
 * fixed job id per timer means a timer is scheduled once and runs once however many workers there are.
 */
export function bullChatTimers(queue: Queue<ChatTimerJob>): ChatTimers {
  return {
    async queueTimeout(workspaceId, conversationId, delayMs) {
      await queue.add('queue-timeout', { kind: 'queue-timeout', workspaceId, conversationId }, { ...TIMER_JOB_OPTIONS, jobId: queueTimeoutJobId(conversationId), delay: delayMs });
    },
    async replyTimeout(workspaceId, conversationId, agentId, delayMs) {
      await queue.add('reply-timeout', { kind: 'reply-timeout', workspaceId, conversationId, agentId }, { ...TIMER_JOB_OPTIONS, jobId: replyTimeoutJobId(conversationId, agentId), delay: delayMs });
    },
  };
}
