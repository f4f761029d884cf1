import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, outbox } from '../../db/schema';
import type { WebhookEventType } from './catalog';

export * from './catalog';

/**
 * The webhook event catalog (F10). Every domain event is written to the `outbox` table in the same
 * statement or transaction as the change that caused it; the worker relays it to the matching endpoints.
 *
 * Ordering: each event of a conversation carries `seq`, the conversation's `event_seq` (1, 2, 3, ... per
 * conversation, bumped in the same statement as the event insert), so receivers can order events of one
 * conversation even when deliveries overtake each other (retries). Workspace-level events (agent status)
 * have `seq: null`.
 */
/** Payload (`data`) of each event type. */
export interface WebhookEventData {
  'conversation.started': { conversationId: string; visitorId: string; channel: string; entryUrl: string | null; mode: string };
  'conversation.queued': { conversationId: string; visitorId: string; position: number | null; target: string };
  'conversation.assigned': { conversationId: string; visitorId: string; agentId: string; groupId: string | null; tags?: string[] };
  'conversation.transferred': { conversationId: string; visitorId: string; fromAgentId: string; toAgentId: string; groupId: string | null; tags?: string[] };
  'message.created': {
    conversationId: string;
    messageId: string;
    messageSeq: number;
    senderType: 'visitor' | 'agent' | 'system';
    senderId: string | null;
    body: string;
    /** The other side had no connected socket when it was sent (pushed to the offline-message webhook). */
    offline: boolean;
    createdAt: string;
  };
  /** Files sent with a message (F11), as signed download links valid for a day. Follows its message.created. */
  'message.attachments': {
    conversationId: string;
    messageId: string;
    senderType: 'visitor' | 'agent';
    senderId: string;
    offline: boolean;
    attachments: { id: string; name: string; mime: string; kind: 'image' | 'file'; size: number; url: string; expiresAt: string }[];
  };
  'conversation.ended': { conversationId: string; visitorId: string; agentId: string | null; endedBy: string; tags?: string[] };
  'satisfaction.submitted': {
    conversationId: string;
    agentId: string | null;
    score: number;
    scale: 2 | 3 | 5;
    label?: string | null;
    tags?: string[];
    comment?: string | null;
    solved?: boolean | null;
  };
  'submission.created': { submissionId: string; conversationId?: string | null; visitorId: string | null; channel?: string | null; fields: Record<string, unknown> };
  /** A reply to a submission reaches the visitor offline: also pushed to the offline-message webhook. */
  'submission.replied': { submissionId: string; conversationId?: string | null; visitorId: string | null; agentId: string; body: string };
  'sensitive_word.hit': {
    conversationId: string;
    messageId?: string | null;
    dimension: 'customer' | 'agent';
    action: 'mask' | 'block' | 'alert';
    words: string[];
    senderId?: string | null;
  };
  'agent.status_changed': { agentId: string; status: string; previous: string | null };
  /** The conversation's tags changed (agent, or tags given at start: `by` null). Full list of tag names. */
  'conversation.tagged': { conversationId: string; tags: string[]; by: string | null };
}

/** Anything with `execute`: the Db or a transaction, so emitters run inside the caller's transaction. */
export type SqlExecutor = Pick<Db, 'execute'>;

/**
 * Writes one event to the outbox. Call it with the transaction of the change that caused the event
 * (`db.transaction(async (tx) => { ...change...; await emitWebhookEvent(tx, ...) })`) so the event is committed
 * exactly when the change is. Events with a `conversationId` take the conversation's next `event_seq`.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(executor: SqlExecutor, workspaceId: string, type: T, data: WebhookEventData[T]): Promise<void> {
  const conversationId = (data as { conversationId?: string | null }).conversationId ?? null;
  const payload = JSON.stringify(data);
  if (!conversationId) {
    await executor.execute(sql`insert into ${outbox} (workspace_id, type, payload) values (${workspaceId}, ${type}, ${payload}::jsonb)`);
    return;
  }
  await executor.execute(sql`
    with c as (
      update ${conversations} set event_seq = event_seq + 1
      where id = ${conversationId} and workspace_id = ${workspaceId}
      returning event_seq
    )
    insert into ${outbox} (workspace_id, type, conversation_id, seq, payload)
    select ${workspaceId}, ${type}, ${conversationId}::uuid, (select event_seq from c), ${payload}::jsonb`);
}

// ---------------------------------------------------------------------------------------------------------
// Typed emitters for features built by other issues. Call each in the same transaction as the change.

/** F8: a visitor rated a conversation. */
export function emitSatisfactionSubmitted(executor: SqlExecutor, workspaceId: string, data: WebhookEventData['satisfaction.submitted']) {
  return emitWebhookEvent(executor, workspaceId, 'satisfaction.submitted', data);
}

/** F5: a visitor left a message / ticket. */
export function emitSubmissionCreated(executor: SqlExecutor, workspaceId: string, data: WebhookEventData['submission.created']) {
  return emitWebhookEvent(executor, workspaceId, 'submission.created', data);
}

/** F5: an agent replied to a submission (also an offline message). */
export function emitSubmissionReplied(executor: SqlExecutor, workspaceId: string, data: WebhookEventData['submission.replied']) {
  return emitWebhookEvent(executor, workspaceId, 'submission.replied', data);
}

/** F6: a message hit the sensitive-word list (mask, block or alert). */
export function emitSensitiveWordHit(executor: SqlExecutor, workspaceId: string, data: WebhookEventData['sensitive_word.hit']) {
  return emitWebhookEvent(executor, workspaceId, 'sensitive_word.hit', data);
}

/** The JSON body POSTed to a receiver. */
export interface WebhookEnvelope {
  /** Stable across retries: the same as the X-Livechat-Delivery header. */
  deliveryId: string;
  /** Outbox id of the event (the same event delivered to two endpoints has one eventId). */
  eventId: string;
  type: string;
  workspaceId: string;
  conversationId: string | null;
  /** Per-conversation event sequence number (null for workspace-level events). */
  seq: number | null;
  occurredAt: string;
  data: unknown;
}
