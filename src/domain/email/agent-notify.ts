import type { Redis } from 'ioredis';
import type { ChatEvents } from '../chat/events';
import type { NotificationKind } from './preferences';

/** A pending batch of notifications for one agent and one conversation. */
export interface AgentNotifyJob {
  workspaceId: string;
  agentId: string;
  conversationId: string;
}

export interface AgentNotifyPorts {
  redis: Redis;
  redisPrefix: string;
  /** Connected agent-workspace sockets of the agent (0: no tab open). */
  socketCount(workspaceId: string, agentId: string): Promise<number>;
  /** Who the conversation is assigned to now. */
  assignee(workspaceId: string, conversationId: string): Promise<string | null>;
  /** Schedules the batch's job once: a job already waiting for this agent and conversation absorbs the new kinds. */
  schedule(job: AgentNotifyJob, delayMs: number): Promise<void>;
  delayMs: number;
  onError(error: unknown): void;
}

/** A mention waiting in a batch: every one is listed in the email (a list, so they never overwrite each other). */
export interface PendingMention {
  author: string;
  body: string;
  at: string;
}

export function pendingMentionsKey(redisPrefix: string, agentId: string, conversationId: string): string {
  return `${redisPrefix}:agent-notify-mentions:${agentId}:${conversationId}`;
}

export function pendingKindsKey(redisPrefix: string, agentId: string, conversationId: string): string {
  return `${redisPrefix}:agent-notify:${agentId}:${conversationId}`;
}

/**
 * Agent notification emails (F15), the scheduling half: listens to chat events and, when the agent has no
 * connected workspace tab, records what happened (a Redis set of kinds per agent and conversation) and
 * schedules one delayed job per agent and conversation (fixed job id): a burst of visitor messages is one
 * email. The worker (src/worker/email-notify.ts) sends it after the delay if the agent is still away.
 * Runs off the message path: the listeners return at once and never fail a chat action.
 */
export function subscribeAgentNotifications(events: ChatEvents, ports: AgentNotifyPorts): () => void {
  const note = (workspaceId: string, agentId: string, conversationId: string, kind: NotificationKind, mention?: PendingMention) => {
    void (async () => {
      if ((await ports.socketCount(workspaceId, agentId)) > 0) return;
      const key = pendingKindsKey(ports.redisPrefix, agentId, conversationId);
      const ttl = ports.delayMs + 86_400_000;
      const batch = ports.redis.multi().sadd(key, kind).pexpire(key, ttl);
      if (mention) {
        const mentions = pendingMentionsKey(ports.redisPrefix, agentId, conversationId);
        batch.rpush(mentions, JSON.stringify(mention)).pexpire(mentions, ttl);
      }
      await batch.exec();
      await ports.schedule({ workspaceId, agentId, conversationId }, ports.delayMs);
    })().catch(ports.onError);
  };
  const offs = [
    events.on('conversation.assigned', (e) => note(e.workspaceId, e.agentId, e.conversation.id, 'assigned')),
    events.on('conversation.transferred', (e) => note(e.workspaceId, e.toAgentId, e.conversation.id, 'assigned')),
    events.on('note.mentioned', (e) => {
      const { note: added } = e;
      const mention: PendingMention = { author: added.authorName ?? 'A colleague', body: added.body.slice(0, 500), at: added.createdAt };
      for (const m of added.mentions) note(e.workspaceId, m.id, added.conversationId, 'mention', mention);
    }),
    events.on('message.created', (e) => {
      if (e.message.senderType !== 'visitor') return;
      const { conversationId } = e.message;
      void (async () => {
        // One lookup per conversation every few seconds, whatever the burst.
        const gate = `${ports.redisPrefix}:agent-notify-gate:${conversationId}`;
        if ((await ports.redis.set(gate, '1', 'PX', 5_000, 'NX')) !== 'OK') return;
        const agentId = await ports.assignee(e.workspaceId, conversationId);
        if (agentId) note(e.workspaceId, agentId, conversationId, 'message');
      })().catch(ports.onError);
    }),
  ];
  return () => offs.forEach((off) => off());
}
