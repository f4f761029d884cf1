import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, conversationTags, tags, type ConversationStatus } from '../../db/schema';
import { selectConversations, toConversationDto } from '../conversations/rows';
import type { ConversationDto } from '../conversations/types';
import { decodeCursor, keyTime, pageOf, type Page } from './paging';

export interface ConversationFilter {
  status?: ConversationStatus[];
  agentId?: string;
  groupId?: string;
  /** Tag name (case-insensitive). */
  tag?: string;
  /** Started, assigned, ended or with a message at or after this time. */
  updatedSince?: Date;
  limit: number;
  cursor?: string;
}

export type ApiConversation = ConversationDto & { tags: string[] };

/** The time a conversation last changed (no column of its own: the latest of its recorded times). */
export const conversationUpdatedAt = sql`greatest(${conversations.startedAt}, ${conversations.assignedAt}, ${conversations.endedAt}, ${conversations.lastMessageAt})`;

/** Conversations of a workspace, newest first, keyset-paged on (started_at, id). */
export async function listConversations(db: Db, workspaceId: string, f: ConversationFilter): Promise<Page<ApiConversation>> {
  const after = decodeCursor(f.cursor);
  const where: (SQL | undefined)[] = [eq(conversations.workspaceId, workspaceId)];
  if (f.status?.length) where.push(inArray(conversations.status, f.status));
  if (f.agentId) where.push(eq(conversations.agentId, f.agentId));
  if (f.groupId) where.push(eq(conversations.groupId, f.groupId));
  if (f.updatedSince) where.push(sql`${conversationUpdatedAt} >= ${f.updatedSince.toISOString()}::timestamptz`);
  if (f.tag) {
    where.push(sql`exists (select 1 from ${conversationTags} ct join ${tags} t on t.id = ct.tag_id
      where ct.conversation_id = ${conversations.id} and ct.workspace_id = ${workspaceId} and lower(t.name) = lower(${f.tag}))`);
  }
  if (after) where.push(sql`(${conversations.startedAt}, ${conversations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  // Keys first (to the microsecond), then the rows of the page.
  const keys = await db
    .select({ id: conversations.id, at: keyTime(conversations.startedAt) })
    .from(conversations)
    .where(and(...where))
    .orderBy(desc(conversations.startedAt), desc(conversations.id))
    .limit(f.limit + 1);
  const page = pageOf(keys, f.limit, (k) => k, (k) => k.id);
  const rows = page.data.length ? await selectConversations(db).where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, page.data))) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const data = page.data.flatMap((id) => (byId.has(id) ? [{ ...toConversationDto(byId.get(id)!), tags: [] as string[] }] : []));
  return withTags(db, workspaceId, { ...page, data });
}

export async function getConversation(db: Db, workspaceId: string, id: string): Promise<ApiConversation | null> {
  const [row] = await selectConversations(db).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  if (!row) return null;
  return (await withTags(db, workspaceId, { data: [{ ...toConversationDto(row), tags: [] }], next_cursor: null, has_more: false })).data[0];
}

async function withTags(db: Db, workspaceId: string, page: Page<ApiConversation>): Promise<Page<ApiConversation>> {
  if (!page.data.length) return page;
  const rows = await db
    .select({ conversationId: conversationTags.conversationId, name: tags.name })
    .from(conversationTags)
    .innerJoin(tags, eq(tags.id, conversationTags.tagId))
    .where(and(eq(conversationTags.workspaceId, workspaceId), inArray(conversationTags.conversationId, page.data.map((c) => c.id))));
  const byConversation = new Map<string, string[]>();
  for (const r of rows) byConversation.set(r.conversationId, [...(byConversation.get(r.conversationId) ?? []), r.name]);
  for (const c of page.data) c.tags = (byConversation.get(c.id) ?? []).sort();
  return page;
}
