import { and, eq, inArray, sql } from 'drizzle-orm';
import { attachments, conversations, messages, outbox, webhookDeliveries } from '../../db/schema';
import type { PrivacyDeps } from './ports';

export interface PurgeCounts {
  conversations: number;
  messages: number;
  attachments: number;
}

/**
 * Deletes conversations for good (erase and retention): the rows and everything hanging off them
 * (messages with their search index entries — the full-text column lives in the row —, attachments,
 * ratings, tags, whispers, moderation hits, timers' state: ON DELETE CASCADE), their outbox events and
 * webhook deliveries (which carry message text), then the attachment files in the store. The database goes
 * first: a crash in between leaves unreachable files, never rows pointing at missing files.
 * The conversations must be ended already (callers end live ones through the chat service first).
 */
export async function purgeConversations(deps: PrivacyDeps, workspaceId: string, conversationIds: string[]): Promise<PurgeCounts & { blobKeys: string[] }> {
  if (!conversationIds.length) return { conversations: 0, messages: 0, attachments: 0, blobKeys: [] };
  const { db } = deps;
  const result = await db.transaction(async (tx) => {
    const files = await tx
      .select({ storageKey: attachments.storageKey, thumbKey: attachments.thumbKey })
      .from(attachments)
      .where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.conversationId, conversationIds)));
    const [{ n: messageCount }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.conversationId, conversationIds)));
    await tx.delete(webhookDeliveries).where(and(eq(webhookDeliveries.workspaceId, workspaceId), inArray(webhookDeliveries.conversationId, conversationIds)));
    await tx.delete(outbox).where(and(eq(outbox.workspaceId, workspaceId), inArray(outbox.conversationId, conversationIds)));
    const deleted = await tx
      .delete(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, conversationIds)))
      .returning({ id: conversations.id });
    return { conversations: deleted.length, messages: messageCount, attachments: files.length, blobKeys: files.flatMap((f) => [f.storageKey, f.thumbKey].filter((k): k is string => Boolean(k))) };
  });
  await deps.deleteBlobs(result.blobKeys);
  return result;
}
