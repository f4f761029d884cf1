import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, skillGroups, visitors } from '../../db/schema';

/**
 * The skill group a left message is for (F5 + F15: its agents are notified): the group of the conversation
 * the form was offered in (where routing put the visitor: the pre-chat choice, the embed's group or a rule),
 * else the group the visitor chose in the pre-chat form, else none (the whole team). Only a group of this
 * workspace that still exists counts.
 */
export async function submissionGroup(db: Pick<Db, 'select'>, workspaceId: string, visitorId: string, conversationId: string | null): Promise<string | null> {
  const candidates: (string | null | undefined)[] = [];
  if (conversationId) {
    const [conversation] = await db
      .select({ groupId: conversations.groupId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    candidates.push(conversation?.groupId);
  }
  const [visitor] = await db.select({ prechat: visitors.prechat }).from(visitors).where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
  candidates.push(visitor?.prechat?.group?.id);
  for (const id of candidates) {
    if (!id) continue;
    const [group] = await db.select({ id: skillGroups.id }).from(skillGroups).where(and(eq(skillGroups.workspaceId, workspaceId), eq(skillGroups.id, id)));
    if (group) return group.id;
  }
  return null;
}
