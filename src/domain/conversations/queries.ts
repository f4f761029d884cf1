import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations } from '../../db/schema';
import { selectConversations, toConversationDto } from './rows';
import type { ConversationDto } from './types';

/** Read-only conversation lists and lookups (ConversationService delegates here; the use cases stay there). */

/** The agent who served this visitor's previous conversation, if it was active within `minutes`. */
export async function lastServedAgent(db: Db, workspaceId: string, visitorId: string, excludeConversationId: string, minutes: number): Promise<string | null> {
  // The conversation's start column is `created_at` (Drizzle field `startedAt`): the columns are referenced
  // through the schema so a rename cannot break this query silently again (issue 22 item 7).
  const since = new Date(Date.now() - minutes * 60_000);
  const c = conversations;
  const [row] = await db
    .select({ agentId: c.agentId })
    .from(c)
    .where(and(
      eq(c.workspaceId, workspaceId),
      eq(c.visitorId, visitorId),
      ne(c.id, excludeConversationId),
      sql`${c.agentId} is not null`,
      sql`coalesce(${c.endedAt}, ${c.lastMessageAt}, ${c.startedAt}) >= ${since.toISOString()}::timestamptz`,
    ))
    .orderBy(desc(c.startedAt))
    .limit(1);
  return row?.agentId ?? null;
}

/** An agent's open conversations plus their most recently ended ones. */
export async function listForAgent(db: Db, workspaceId: string, agentId: string, recentEnded = 20): Promise<ConversationDto[]> {
  const open = await selectConversations(db)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.agentId, agentId), ne(conversations.status, 'ended')))
    .orderBy(asc(conversations.startedAt));
  const ended = await selectConversations(db)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.agentId, agentId), eq(conversations.status, 'ended')))
    .orderBy(desc(conversations.endedAt))
    .limit(recentEnded);
  return [...open, ...ended].map(toConversationDto);
}

/** Open conversations of a workspace by status (queued/unassigned views, recovery). */
export async function listOpen(db: Db, workspaceId: string, statuses: ('queued' | 'active' | 'unassigned')[]): Promise<ConversationDto[]> {
  const rows = await selectConversations(db)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.status, statuses)))
    .orderBy(asc(conversations.startedAt));
  return rows.map(toConversationDto);
}
