import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, customers, messages, users, visitors } from '../../db/schema';
import type { ConversationDto, MessageDto } from './types';

/** Rows of conversations and messages, and how they become DTOs (ConversationService's storage side). */

export const HISTORY_PAGE = 200;

/** The conversation columns every DTO is built from (visitor and agent names joined). */
const conversationColumns = {
  id: conversations.id,
  status: conversations.status,
  channel: conversations.channel,
  mode: sql<'realtime' | 'always_on'>`${conversations.mode}`,
  visitorId: conversations.visitorId,
  visitorName: visitors.name,
  visitorEmail: visitors.email,
  agentId: conversations.agentId,
  agentName: users.name,
  groupId: conversations.groupId,
  entryUrl: conversations.entryUrl,
  startedAt: conversations.startedAt,
  assignedAt: conversations.assignedAt,
  endedAt: conversations.endedAt,
  endedBy: conversations.endedBy,
  lastMessageAt: conversations.lastMessageAt,
};

export function selectConversations(db: Db) {
  return db.select(conversationColumns).from(conversations).innerJoin(visitors, eq(visitors.id, conversations.visitorId)).leftJoin(users, eq(users.id, conversations.agentId));
}

/** What a returning visitor's handshake needs, in one query (issue 27; see `ConversationService.returningVisitor`). */
export interface ReturningVisitorRow {
  /** Linked to a customer with a partnerid (a handshake without one forgets the link). */
  partnerLinked: boolean;
  /** The latest conversation and its highest message seq, or null. */
  latest: { conversation: ConversationDto; lastSeq: number } | null;
}

/**
 * Handshake-path reads as prepared statements (built once per process, parsed once per connection): in a
 * reconnect storm drizzle's query building was ~19 % of the node's busy time (bench/profile-areas.ts).
 */
function prepareVisitorReads(db: Db) {
  const ws = sql.placeholder('workspaceId');
  const vid = sql.placeholder('visitorId');
  const latestId = sql`(select ${conversations.id} from ${conversations} where ${conversations.workspaceId} = ${ws} and ${conversations.visitorId} = ${vid} order by ${conversations.startedAt} desc limit 1)`;
  return {
    returning: db
      .select({
        ...conversationColumns,
        lastSeq: conversations.lastSeq,
        partnerLinked: sql<boolean>`${visitors.customerId} is not null and exists (select 1 from ${customers} where ${customers.id} = ${visitors.customerId} and ${customers.partnerId} is not null)`,
      })
      .from(visitors)
      .leftJoin(conversations, eq(conversations.id, latestId))
      .leftJoin(users, eq(users.id, conversations.agentId))
      .where(and(eq(visitors.workspaceId, ws), eq(visitors.id, vid)))
      .prepare('lc_returning_visitor'),
    latest: selectConversations(db)
      .where(and(eq(conversations.workspaceId, ws), eq(conversations.visitorId, vid)))
      .orderBy(desc(conversations.startedAt))
      .limit(1)
      .prepare('lc_latest_for_visitor'),
  };
}
const preparedReads = new WeakMap<Db, ReturnType<typeof prepareVisitorReads>>();
export function visitorReads(db: Db): ReturnType<typeof prepareVisitorReads> {
  let reads = preparedReads.get(db);
  if (!reads) preparedReads.set(db, (reads = prepareVisitorReads(db)));
  return reads;
}

export async function returningVisitorRow(db: Db, workspaceId: string, visitorId: string): Promise<ReturningVisitorRow | null> {
  const [row] = await visitorReads(db).returning.execute({ workspaceId, visitorId });
  if (!row) return null;
  const { lastSeq, partnerLinked, ...conversation } = row;
  if (conversation.id === null || lastSeq === null) return { partnerLinked, latest: null };
  return { partnerLinked, latest: { conversation: toConversationDto(conversation as ConversationRow), lastSeq } };
}

/** One page of a conversation's messages in order, with sender names (before attachments are added). */
export async function historyPage(db: Db, workspaceId: string, conversationId: string, page: { afterSeq?: number; beforeSeq?: number; limit?: number }): Promise<MessageDto[]> {
  const limit = Math.min(page.limit ?? HISTORY_PAGE, HISTORY_PAGE);
  const conditions = [eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)];
  if (page.afterSeq !== undefined) conditions.push(gt(messages.seq, page.afterSeq));
  if (page.beforeSeq !== undefined) conditions.push(lt(messages.seq, page.beforeSeq));
  const newestFirst = page.afterSeq === undefined;
  const rows = await db
    .select({
      id: messages.id,
      conversation_id: messages.conversationId,
      seq: messages.seq,
      sender_type: messages.senderType,
      sender_id: messages.senderId,
      body: messages.body,
      client_msg_id: messages.clientMsgId,
      created_at: messages.createdAt,
      sender_name: sql<string | null>`case when ${messages.senderType} = 'agent' then (select ${users.name} from ${users} where ${users.id} = ${messages.senderId}) when ${messages.senderType} = 'visitor' then (select ${visitors.name} from ${visitors} where ${visitors.id} = ${messages.senderId}) end`,
    })
    .from(messages)
    .where(and(...conditions))
    .orderBy(newestFirst ? desc(messages.seq) : asc(messages.seq))
    .limit(limit);
  const ordered = (newestFirst ? rows.reverse() : rows).map((r) => toMessageDto(r, r.sender_name));
  return ordered;
}

/** One message to append (see the lc_append_messages function, migration 0004). */
export interface AppendItem {
  workspaceId: string;
  conversationId: string;
  senderType: 'visitor' | 'agent' | 'system';
  senderId: string | null;
  body: string;
  clientMsgId: string | null;
  offline: boolean;
  allowEnded: boolean;
}

/**
 * Appends a batch in one statement: per item, the stored message for a repeated clientMsgId, else the
 * conversation's seq bump + message + its outbox event; null for an item whose conversation has ended.
 */
export async function appendMessages(db: Db, items: AppendItem[]): Promise<(MessageRow | null)[]> {
  const { rows } = await db.execute<MessageRow & { idx: number }>(sql`select * from lc_append_messages(${JSON.stringify(items)}::jsonb)`);
  const byIndex = new Map(rows.map((r) => [Number(r.idx), r]));
  return items.map((_, i) => byIndex.get(i) ?? null);
}

export interface MessageRow extends Record<string, unknown> {
  id: string;
  conversation_id: string;
  seq: number;
  sender_type: 'visitor' | 'agent' | 'system';
  sender_id: string | null;
  body: string;
  client_msg_id: string | null;
  created_at: Date | string;
}

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export function toMessageDto(row: MessageRow, senderName: string | null): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderType: row.sender_type,
    senderId: row.sender_id,
    senderName,
    body: row.body,
    clientMsgId: row.client_msg_id,
    createdAt: iso(row.created_at)!,
  };
}

type ConversationRow = Omit<ConversationDto, 'startedAt' | 'assignedAt' | 'endedAt' | 'lastMessageAt'> & {
  startedAt: Date;
  assignedAt: Date | null;
  endedAt: Date | null;
  lastMessageAt: Date | null;
};

export function toConversationDto(row: ConversationRow): ConversationDto {
  return {
    ...row,
    startedAt: iso(row.startedAt)!,
    assignedAt: iso(row.assignedAt),
    endedAt: iso(row.endedAt),
    lastMessageAt: iso(row.lastMessageAt),
  };
}
