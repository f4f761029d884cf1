import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { GroupCommitter } from '../../db/group-commit';
import { agentStatusLog, conversations, messages, visitors, type Channel, type EndedBy } from '../../db/schema';
import { emitWebhookEvent, outboxInsert, type WebhookEventData, type WebhookEventType } from '../webhooks/outbox';
import { AppError } from '../../lib/errors';
import { appendMessages, historyPage, returningVisitorRow, selectConversations, visitorReads, toConversationDto, toMessageDto, type AppendItem, type MessageRow, type ReturningVisitorRow } from './rows';
import * as queries from './queries';
import type { ConversationDto, MessageDto } from './types';

export interface Sender {
  type: 'visitor' | 'agent' | 'system';
  id: string | null;
  name: string | null;
}

/** Conversation lifecycle and history. Every query is scoped by workspace id. */
export class ConversationService {
  /** Message writes commit in groups under load (one statement and one WAL flush per batch); see GroupCommitter. */
  private readonly messageWrites: GroupCommitter<AppendItem, MessageRow | null>;

  /**
   * `decorateHistory` adds attachments (F11) to history pages, where attachments are configured (the
   * composition root passes it; scripts and tests that need no files may leave it out).
   */
  constructor(
    private readonly db: Db,
    private readonly decorateHistory?: (workspaceId: string, conversationId: string, page: MessageDto[]) => Promise<MessageDto[]>,
  ) {
    this.messageWrites = new GroupCommitter((items) => appendMessages(db, items));
  }

  /** `id`: chosen by the caller (the handshake names the visitor before its one Redis round trip). */
  async createVisitor(workspaceId: string, fields: { name?: string | null; id?: string } = {}): Promise<string> {
    const [v] = await this.db.insert(visitors).values({ workspaceId, name: fields.name ?? null, ...(fields.id ? { id: fields.id } : {}) }).returning({ id: visitors.id });
    return v.id;
  }

  async visitorExists(workspaceId: string, visitorId: string): Promise<boolean> {
    const [v] = await this.db.select({ id: visitors.id }).from(visitors).where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
    return Boolean(v);
  }

  async touchVisitor(workspaceId: string, visitorId: string, fields: { name?: string | null } = {}): Promise<void> {
    await this.db
      .update(visitors)
      .set({ lastSeenAt: new Date(), ...(fields.name ? { name: fields.name } : {}) })
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
  }

  /** Starts a conversation, or returns the visitor's open one (a visitor has at most one). */
  async start(workspaceId: string, visitorId: string, fields: { channel: Channel; entryUrl: string | null; mode: string }): Promise<{ conversation: ConversationDto; created: boolean }> {
    // One statement: the conversation and its conversation.started event (outbox) commit together.
    const id = randomUUID();
    const { rows: inserted } = await this.db.execute<{ id: string }>(sql`
      with c as (
        insert into ${conversations} (id, workspace_id, visitor_id, status, channel, entry_url, mode, event_seq)
        values (${id}, ${workspaceId}, ${visitorId}, 'queued', ${fields.channel}, ${fields.entryUrl}, ${fields.mode}, 1)
        on conflict do nothing
        returning id, event_seq
      ),
      ev as (${outboxInsert(workspaceId, 'conversation.started', sql.raw('c'), {
        conversationId: sql`c.id`,
        visitorId: sql`${visitorId}::uuid`,
        channel: sql`${fields.channel}::text`,
        entryUrl: sql`${fields.entryUrl}::text`,
        mode: sql`${fields.mode}::text`,
      })})
      select id from c`);
    if (inserted.length) return { conversation: (await this.get(workspaceId, inserted[0].id))!, created: true };
    const open = await this.openForVisitor(workspaceId, visitorId);
    if (!open) throw new AppError('conflict', 'Could not start the conversation, try again');
    return { conversation: open, created: false };
  }

  async openForVisitor(workspaceId: string, visitorId: string): Promise<ConversationDto | null> {
    const [row] = await selectConversations(this.db)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, visitorId), ne(conversations.status, 'ended')))
      .limit(1);
    return row ? toConversationDto(row) : null;
  }

  /** The visitor's most recent conversation (open or ended), for the widget's history on return. */
  async latestForVisitor(workspaceId: string, visitorId: string): Promise<ConversationDto | null> {
    const [row] = await visitorReads(this.db).latest.execute({ workspaceId, visitorId });
    return row ? toConversationDto(row) : null;
  }

  /** A returning visitor's latest conversation (with its last seq) and customer link, in one read (the handshake). */
  returningVisitor(workspaceId: string, visitorId: string): Promise<ReturningVisitorRow | null> {
    return returningVisitorRow(this.db, workspaceId, visitorId);
  }

  async get(workspaceId: string, conversationId: string): Promise<ConversationDto | null> {
    const [row] = await selectConversations(this.db).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    return row ? toConversationDto(row) : null;
  }

  /** What routing needs to know about a visitor (VIP flag and tags, maintained by the CRM). */
  async visitorProfile(workspaceId: string, visitorId: string): Promise<{ vip: boolean; tags: string[] }> {
    const [v] = await this.db.select({ vip: visitors.vip, tags: visitors.tags }).from(visitors).where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
    return v ?? { vip: false, tags: [] };
  }

  /** The agent who served this visitor's previous conversation, if it was active within `minutes`. */
  lastServedAgent(workspaceId: string, visitorId: string, excludeConversationId: string, minutes: number): Promise<string | null> {
    return queries.lastServedAgent(this.db, workspaceId, visitorId, excludeConversationId, minutes);
  }

  /** Whether the agent has written in the conversation since a moment (auto-transfer check). */
  async agentRepliedSince(workspaceId: string, conversationId: string, agentId: string, since: Date): Promise<boolean> {
    const [row] = await this.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.senderId, agentId), sql`${messages.createdAt} >= ${since}`))
      .limit(1);
    return Boolean(row);
  }

  /** Moves an active conversation from one agent to another (after the Redis transfer succeeded). */
  async reassign(workspaceId: string, conversationId: string, fromAgentId: string, toAgentId: string, groupId: string | null): Promise<ConversationDto | null> {
    const { rows: updated } = await this.db.execute<{ id: string }>(sql`
      with u as (
        update ${conversations} set agent_id = ${toAgentId}, assigned_at = now(), group_id = coalesce(${groupId}::uuid, group_id), event_seq = event_seq + 1
        where workspace_id = ${workspaceId} and id = ${conversationId} and agent_id = ${fromAgentId} and status = 'active'
        returning id, visitor_id, group_id, event_seq
      ),
      ev as (${outboxInsert(workspaceId, 'conversation.transferred', sql.raw('u'), {
        conversationId: sql`u.id`,
        visitorId: sql`u.visitor_id`,
        fromAgentId: sql`${fromAgentId}::uuid`,
        toAgentId: sql`${toAgentId}::uuid`,
        groupId: sql`u.group_id`,
        tags: sql`lc_conversation_tag_names(u.id)`,
      })})
      select id from u`);
    return updated.length ? this.get(workspaceId, conversationId) : null;
  }

  /** Remembers where and since when a chat waits (queue or pool), so lost Redis state can be rebuilt in order. */
  async markWaiting(workspaceId: string, conversationId: string, waiting: { targetKey: string; enqueuedAt: number; vip: boolean }): Promise<void> {
    await this.db
      .update(conversations)
      .set({ queueTarget: waiting.targetKey, enqueuedAt: new Date(waiting.enqueuedAt), vip: waiting.vip })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  }

  /** Agent status history; the latest row per agent restores presence after Redis lost it. */
  async recordAgentStatus(workspaceId: string, agentId: string, status: string, reason: string): Promise<void> {
    await this.db.insert(agentStatusLog).values({ workspaceId, userId: agentId, status, reason });
  }

  /** An always-on chat no agent qualified for waits in the Unassigned pool. Null if it ended meanwhile. */
  async markUnassigned(workspaceId: string, conversationId: string, groupId: string | null): Promise<ConversationDto | null> {
    const updated = await this.db
      .update(conversations)
      .set({ status: 'unassigned', ...(groupId ? { groupId } : {}) })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), eq(conversations.status, 'queued')))
      .returning({ id: conversations.id });
    return updated.length ? this.get(workspaceId, conversationId) : null;
  }

  /** Marks a routed conversation active with its agent. Returns null if it ended meanwhile. */
  async markAssigned(workspaceId: string, conversationId: string, agentId: string, groupId: string | null = null): Promise<ConversationDto | null> {
    const { rows: updated } = await this.db.execute<{ id: string }>(sql`
      with u as (
        update ${conversations} set status = 'active', agent_id = ${agentId}, assigned_at = now(), group_id = coalesce(${groupId}::uuid, group_id), event_seq = event_seq + 1
        where workspace_id = ${workspaceId} and id = ${conversationId} and status <> 'ended'
        returning id, visitor_id, group_id, event_seq
      ),
      ev as (${outboxInsert(workspaceId, 'conversation.assigned', sql.raw('u'), {
        conversationId: sql`u.id`,
        visitorId: sql`u.visitor_id`,
        agentId: sql`${agentId}::uuid`,
        groupId: sql`u.group_id`,
        tags: sql`lc_conversation_tag_names(u.id)`,
      })})
      select id from u`);
    return updated.length ? this.get(workspaceId, conversationId) : null;
  }

  /**
   * Appends a message in one statement: bumps the conversation's sequence and inserts the row, so the
   * message is durable before anyone is told. A retried clientMsgId returns the stored message.
   */
  async appendMessage(
    workspaceId: string,
    conversationId: string,
    sender: Sender,
    body: string,
    clientMsgId: string | null,
    options: { allowEnded?: boolean; offline?: boolean } = {},
  ): Promise<MessageDto> {
    const item: AppendItem = {
      workspaceId,
      conversationId,
      senderType: sender.type,
      senderId: sender.id,
      body,
      clientMsgId,
      offline: options.offline === true,
      allowEnded: options.allowEnded === true,
    };
    const run = () => this.messageWrites.submit(conversationId, item);
    let row: MessageRow | null;
    try {
      row = await run();
    } catch (error) {
      // A concurrent retry of the same clientMsgId won the insert: return the stored message.
      if ((error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') row = await run();
      else throw error;
    }
    if (!row) throw new AppError('invalid_state', 'This conversation has ended');
    return toMessageDto(row, sender.name);
  }

  /**
   * Writes a webhook event for a change that has no statement of its own here (queued, agent status).
   * Conversation events take the conversation's next event_seq.
   */
  recordEvent<T extends WebhookEventType>(workspaceId: string, type: T, data: WebhookEventData[T]): Promise<void> {
    return emitWebhookEvent(this.db, workspaceId, type, data);
  }

  /** Who is on each side of a conversation (offline-message detection). */
  async participants(workspaceId: string, conversationId: string): Promise<{ visitorId: string; agentId: string | null; status: string } | null> {
    const [row] = await this.db
      .select({ visitorId: conversations.visitorId, agentId: conversations.agentId, status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    return row ?? null;
  }

  /** A system note (e.g. "Chat ended by agent"); allowed on ended conversations. */
  appendSystemNote(workspaceId: string, conversationId: string, text: string): Promise<MessageDto> {
    return this.appendMessage(workspaceId, conversationId, { type: 'system', id: null, name: null }, text, null, { allowEnded: true });
  }

  /** Ends an open conversation. Returns null if it was already ended (ending is idempotent). */
  async end(workspaceId: string, conversationId: string, endedBy: EndedBy): Promise<ConversationDto | null> {
    const { rows: updated } = await this.db.execute<{ id: string }>(sql`
      with u as (
        update ${conversations} set status = 'ended', ended_at = now(), ended_by = ${endedBy}, event_seq = event_seq + 1
        where workspace_id = ${workspaceId} and id = ${conversationId} and status <> 'ended'
        returning id, visitor_id, agent_id, event_seq
      ),
      ev as (${outboxInsert(workspaceId, 'conversation.ended', sql.raw('u'), {
        conversationId: sql`u.id`,
        visitorId: sql`u.visitor_id`,
        agentId: sql`u.agent_id`,
        endedBy: sql`${endedBy}::text`,
        tags: sql`lc_conversation_tag_names(u.id)`,
      })})
      select id from u`);
    return updated.length ? this.get(workspaceId, conversationId) : null;
  }

  /**
   * Reopens an ended conversation for `agentId` (issue 21): active again, with that agent; null if it was not
   * ended any more (reopened by someone else) or the visitor has another open chat.
   */
  async reopen(workspaceId: string, conversationId: string, agentId: string): Promise<ConversationDto | null> {
    const { rows: updated } = await this.db.execute<{ id: string }>(sql`
      update ${conversations} c set status = 'active', agent_id = ${agentId}, assigned_at = coalesce(c.assigned_at, now()), ended_at = null, ended_by = null, event_seq = c.event_seq + 1
      where c.workspace_id = ${workspaceId} and c.id = ${conversationId} and c.status = 'ended'
        and not exists (select 1 from ${conversations} o where o.workspace_id = c.workspace_id and o.visitor_id = c.visitor_id and o.status <> 'ended' and o.id <> c.id)
      returning c.id`);
    return updated.length ? this.get(workspaceId, conversationId) : null;
  }

  /** Messages in order; `afterSeq` for catching up after a reconnect, `beforeSeq` for paging back. */
  async history(workspaceId: string, conversationId: string, page: { afterSeq?: number; beforeSeq?: number; limit?: number } = {}): Promise<MessageDto[]> {
    const ordered = await historyPage(this.db, workspaceId, conversationId, page);
    return this.decorateHistory ? this.decorateHistory(workspaceId, conversationId, ordered) : ordered;
  }

  /** An agent's open conversations plus their most recently ended ones. */
  listForAgent(workspaceId: string, agentId: string, recentEnded = 20): Promise<ConversationDto[]> {
    return queries.listForAgent(this.db, workspaceId, agentId, recentEnded);
  }

  /** Open conversations of a workspace by status (queued/unassigned views, recovery). */
  listOpen(workspaceId: string, statuses: ('queued' | 'active' | 'unassigned')[]): Promise<ConversationDto[]> {
    return queries.listOpen(this.db, workspaceId, statuses);
  }

  /** Staff may read a conversation if it is theirs, or if they supervise (admin/supervisor). */
  async canStaffAccess(workspaceId: string, conversationId: string, user: { id: string; role: string }): Promise<ConversationDto | null> {
    const conversation = await this.get(workspaceId, conversationId);
    if (!conversation) return null;
    if (user.role === 'admin' || user.role === 'supervisor') return conversation;
    return conversation.agentId === user.id ? conversation : null;
  }
}
