import type { EndTimerKind } from './end-timers';

/**
 * Durable chat timers (BullMQ delayed jobs in production). The domain only says what should happen when;
 * the worker runs the job, which re-checks the state, so a stale or duplicate timer does nothing.
 */
export interface ChatTimers {
  /** Fires `onQueueTimeout` for a chat still waiting after `delayMs`. One timer per conversation. */
  queueTimeout(workspaceId: string, conversationId: string, delayMs: number): Promise<void>;
  /** Fires `onReplyTimeout` if the agent has not written within `delayMs` of the assignment. */
  replyTimeout(workspaceId: string, conversationId: string, agentId: string, delayMs: number): Promise<void>;
  /**
   * End-of-chat timer (F9): fires `ChatAftercare.onEndTimer` after `delayMs`. A conversation has at most
   * one pending end-of-chat timer; scheduling one replaces (removes) the others. `mark` = seq of the latest
   * visitor/agent message it was scheduled for (the job re-checks it).
   */
  endTimer(workspaceId: string, conversationId: string, kind: EndTimerKind, mark: number, delayMs: number): Promise<void>;
  cancelEndTimers(conversationId: string): Promise<void>;
  /**
   * Records who wrote last in a conversation and tells whether that changed the turn (visitor <-> agent).
   * One Redis round trip per message, shared by all nodes, so only a change of turn reschedules timers.
   */
  turnChanged(conversationId: string, sender: 'visitor' | 'agent'): Promise<boolean>;
  /**
   * Fires `ChatAbandonment.onVisitorGone` after `delayMs` (the visitor's last socket closed while their chat
   * waits). One per visitor: a new disconnect replaces it; the job re-checks that the visitor is still gone.
   */
  visitorGone(workspaceId: string, visitorId: string, delayMs: number): Promise<void>;
  /** Fires `onLongWait` (monitoring alert) if the chat is still queued after `delayMs`. One per conversation. */
  longWait(workspaceId: string, conversationId: string, delayMs: number, seconds: number): Promise<void>;
}
