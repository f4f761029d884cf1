import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChatTimers } from '../domain/chat/timers';
import type { EndTimerKind } from '../domain/chat/end-timers';

/** Queue names and job payloads shared by producers (realtime, web) and the worker. */
export const PRESENCE_QUEUE = 'presence';
export const CHAT_TIMERS_QUEUE = 'chat-timers';
export const MAINTENANCE_QUEUE = 'maintenance';
/** Data retention (issue 22): the hourly pass deleting conversations older than each workspace's period. */
export const PRIVACY_QUEUE = 'privacy';

export interface PresenceGraceJob {
  workspaceId: string;
  agentId: string;
}

export type ChatTimerJob =
  | { kind: 'queue-timeout'; workspaceId: string; conversationId: string }
  | { kind: 'reply-timeout'; workspaceId: string; conversationId: string; agentId: string }
  | { kind: 'end-timer'; timer: EndTimerKind; workspaceId: string; conversationId: string; mark: number }
  | { kind: 'long-wait'; workspaceId: string; conversationId: string; seconds: number }
  | { kind: 'visitor-gone'; workspaceId: string; visitorId: string };

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

/** A waiting visitor's disconnect grace (issue 21): one per visitor, replaced by a later disconnect. */
export function visitorGoneJobId(workspaceId: string, visitorId: string): string {
  return `vg-${workspaceId}-${visitorId}`;
}

/** End-of-chat timers (F9): one fixed id per conversation (the kind travels in the job data). */
export function endTimerJobId(conversationId: string): string {
  return `eot-${conversationId}`;
}

/** A conversation's last writer is remembered this long (chats idle longer reschedule on their next message). */
const TURN_TTL_SECONDS = 86_400;

const TIMER_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const;

/**
 * Replaces the conversation's end-of-chat timer (one id per conversation: one remove, one add). If the
 * old job is running right now (locked, cannot be removed), the new one gets the id `<id>-<mark>`; the
 * running one re-checks its mark and does nothing.
 */
async function replaceEndTimer(queue: Queue<ChatTimerJob>, data: Extract<ChatTimerJob, { kind: 'end-timer' }>, delayMs: number): Promise<void> {
  const id = endTimerJobId(data.conversationId);
  const removed = await queue.remove(id);
  const jobId = !removed && (await queue.getJob(id)) ? `${id}-${data.mark}` : id;
  await queue.add('end-timer', data, { ...TIMER_JOB_OPTIONS, jobId, delay: Math.max(0, Math.round(delayMs)) });
}

/**
 * ChatTimers over BullMQ delayed jobs: durable in Redis (they survive restarts of every process), and a
 * fixed job id per timer means a timer is scheduled once and runs once however many workers there are.
 */
export function bullChatTimers(queue: Queue<ChatTimerJob>, redis: Redis): ChatTimers {
  return {
    async queueTimeout(workspaceId, conversationId, delayMs) {
      await queue.add('queue-timeout', { kind: 'queue-timeout', workspaceId, conversationId }, { ...TIMER_JOB_OPTIONS, jobId: queueTimeoutJobId(conversationId), delay: delayMs });
    },
    async replyTimeout(workspaceId, conversationId, agentId, delayMs) {
      await queue.add('reply-timeout', { kind: 'reply-timeout', workspaceId, conversationId, agentId }, { ...TIMER_JOB_OPTIONS, jobId: replyTimeoutJobId(conversationId, agentId), delay: delayMs });
    },
    async endTimer(workspaceId, conversationId, timer, mark, delayMs) {
      await replaceEndTimer(queue, { kind: 'end-timer', timer, workspaceId, conversationId, mark }, delayMs);
    },
    async turnChanged(conversationId, sender) {
      const previous = await redis.set(`${queue.opts.prefix ?? 'bull'}:turn:${conversationId}`, sender, 'EX', TURN_TTL_SECONDS, 'GET');
      return previous !== sender;
    },
    async cancelEndTimers(conversationId) {
      await queue.remove(endTimerJobId(conversationId));
    },
    async visitorGone(workspaceId, visitorId, delayMs) {
      const jobId = visitorGoneJobId(workspaceId, visitorId);
      // A running job (locked) cannot be removed: it re-checks the visitor and the newer disconnect gets no
      // second timer, which is fine: the running one ends the chat only if the visitor is gone.
      await queue.remove(jobId);
      await queue.add('visitor-gone', { kind: 'visitor-gone', workspaceId, visitorId }, { ...TIMER_JOB_OPTIONS, jobId, delay: Math.max(0, Math.round(delayMs)) });
    },
    async longWait(workspaceId, conversationId, delayMs, seconds) {
      await queue.add('long-wait', { kind: 'long-wait', workspaceId, conversationId, seconds }, { ...TIMER_JOB_OPTIONS, jobId: `lw-${conversationId}`, delay: delayMs });
    },
  };
}

/** Presence grace timers (realtime schedules them when an agent's last socket closes; the worker runs them). */
export function bullPresenceGrace(queue: Queue<PresenceGraceJob>) {
  return {
    async schedule(workspaceId: string, agentId: string, delayMs: number): Promise<void> {
      const jobId = presenceGraceJobId(workspaceId, agentId);
      await queue.remove(jobId);
      await queue.add('grace', { workspaceId, agentId }, { jobId, delay: delayMs, removeOnComplete: true, removeOnFail: 100 });
    },
    async cancel(workspaceId: string, agentId: string): Promise<void> {
      await queue.remove(presenceGraceJobId(workspaceId, agentId));
    },
  };
}
