import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { conversations, outbox } from '../../db/schema';
import type { WebhookEventType } from './catalog';

export type { WebhookEventType } from './catalog';

/**
 * The transactional outbox of webhook events (F10), in one module: the payload of every event type is
 * declared once, as a zod schema (the TypeScript type is inferred from it), and every statement that
 * writes an outbox row builds it here: `emitWebhookEvent` inside a transaction, or `outboxInsert` with a
 * `payloadSql` object in a single-statement change. The hot path's `lc_append_messages` SQL function
 * (migrations 0004, 0027) writes `message.created` itself, and only for a workspace with an enabled webhook
 * endpoint (the outbox feeds nothing else); `messageCreatedPayload` is its definition, and a test proves the
 * two agree.
 *
 * Ordering: each event of a conversation carries `seq`, the conversation's `event_seq` (increasing per
 * conversation, bumped in the same statement as the event insert), so receivers can order events of one
 * conversation even when deliveries overtake each other (retries). Messages sent while the workspace had no
 * enabled endpoint bump it without an event, so `seq` can skip numbers. Workspace-level events (agent
 * status) have `seq: null`.
 */

const Uuid = z.string();
const Tags = z.array(z.string()).optional();

export const WEBHOOK_EVENT_SCHEMAS = {
  'conversation.started': z.object({ conversationId: Uuid, visitorId: Uuid, channel: z.string(), entryUrl: z.string().nullable(), mode: z.string() }).strict(),
  'conversation.queued': z.object({ conversationId: Uuid, visitorId: Uuid, position: z.number().int().nullable(), target: z.string() }).strict(),
  'conversation.assigned': z.object({ conversationId: Uuid, visitorId: Uuid, agentId: Uuid, groupId: Uuid.nullable(), tags: Tags }).strict(),
  'conversation.transferred': z.object({ conversationId: Uuid, visitorId: Uuid, fromAgentId: Uuid, toAgentId: Uuid, groupId: Uuid.nullable(), tags: Tags }).strict(),
  'message.created': z
    .object({
      conversationId: Uuid,
      messageId: Uuid,
      messageSeq: z.number().int(),
      senderType: z.enum(['visitor', 'agent', 'system']),
      senderId: Uuid.nullable(),
      body: z.string(),
      /** The other side had no connected socket when it was sent (pushed to the offline-message webhook). */
      offline: z.boolean(),
      createdAt: z.string(),
    })
    .strict(),
  /** Files sent with a message (F11), as signed download links valid for a day. Follows its message.created. */
  'message.attachments': z
    .object({
      conversationId: Uuid,
      messageId: Uuid,
      senderType: z.enum(['visitor', 'agent']),
      senderId: Uuid,
      offline: z.boolean(),
      attachments: z.array(z.object({ id: Uuid, name: z.string(), mime: z.string(), kind: z.enum(['image', 'file']), size: z.number(), url: z.string(), expiresAt: z.string() }).strict()),
    })
    .strict(),
  'conversation.ended': z.object({ conversationId: Uuid, visitorId: Uuid, agentId: Uuid.nullable(), endedBy: z.string(), tags: Tags }).strict(),
  'satisfaction.submitted': z
    .object({
      conversationId: Uuid,
      agentId: Uuid.nullable(),
      score: z.number(),
      scale: z.union([z.literal(2), z.literal(3), z.literal(5)]),
      label: z.string().nullable().optional(),
      tags: Tags,
      comment: z.string().nullable().optional(),
      solved: z.boolean().nullable().optional(),
    })
    .strict(),
  'submission.created': z.object({ submissionId: Uuid, conversationId: Uuid.nullable().optional(), visitorId: Uuid.nullable(), channel: z.string().nullable().optional(), fields: z.record(z.string(), z.unknown()) }).strict(),
  /** A reply to a submission reaches the visitor offline: also pushed to the offline-message webhook. */
  'submission.replied': z.object({ submissionId: Uuid, conversationId: Uuid.nullable().optional(), visitorId: Uuid.nullable(), agentId: Uuid, body: z.string() }).strict(),
  'sensitive_word.hit': z
    .object({
      conversationId: Uuid,
      messageId: Uuid.nullable().optional(),
      dimension: z.enum(['customer', 'agent']),
      action: z.enum(['mask', 'block', 'alert']),
      words: z.array(z.string()),
      senderId: Uuid.nullable().optional(),
    })
    .strict(),
  'agent.status_changed': z.object({ agentId: Uuid, status: z.string(), previous: z.string().nullable() }).strict(),
  /** The conversation's tags changed (agent, or tags given at start: `by` null). Full list of tag names. */
  'conversation.tagged': z.object({ conversationId: Uuid, tags: z.array(z.string()), by: Uuid.nullable() }).strict(),
} satisfies Record<WebhookEventType, z.ZodType>;

/** Payload (`data`) of each event type. */
export type WebhookEventData = { [T in WebhookEventType]: z.infer<(typeof WEBHOOK_EVENT_SCHEMAS)[T]> };

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

/** A payload whose values are SQL expressions (columns of the statement's changed row); every declared field must be given. */
export type PayloadSql<T extends WebhookEventType> = { [K in keyof WebhookEventData[T]]-?: SQL };

/** `jsonb_build_object(...)` for an event built inside a statement, keys checked against the declared type. */
export function payloadSql<T extends WebhookEventType>(_type: T, fields: PayloadSql<T>): SQL {
  const pairs = Object.entries(fields as Record<string, SQL>).map(([key, value]) => sql`${key}::text, ${value}`);
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
}

/**
 * The outbox insert of a single-statement change: `insert ... select` from the CTE `from` (which returned
 * the changed row with its `id` and new `event_seq`). Use as a CTE of the change's statement.
 */
export function outboxInsert<T extends WebhookEventType>(workspaceId: string, type: T, from: SQL, payload: PayloadSql<T>): SQL {
  return sql`insert into ${outbox} (workspace_id, type, conversation_id, seq, payload)
    select ${workspaceId}, ${type}, ${from}.id, ${from}.event_seq, ${payloadSql(type, payload)} from ${from}`;
}

/** A stored message as `lc_append_messages` sees it. */
export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  senderType: 'visitor' | 'agent' | 'system';
  senderId: string | null;
  body: string;
  offline: boolean;
  createdAt: Date;
}

/** `message.created`: the definition the hot path's SQL function (migration 0004) implements. */
export function messageCreatedPayload(message: StoredMessage): WebhookEventData['message.created'] {
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    messageSeq: message.seq,
    senderType: message.senderType,
    senderId: message.senderId,
    body: message.body,
    offline: message.offline,
    createdAt: message.createdAt.toISOString(),
  };
}

// Typed emitters of the events written inside a feature's own transaction.

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
