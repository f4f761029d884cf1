import { and, eq, inArray, ne } from 'drizzle-orm';
import { conversations, customers, visitors } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { PrivacyDeps } from './ports';
import { purgeConversations, type PurgeCounts } from './purge';
import { purgeRedis } from './redis-cleanup';
import { customerScope } from './scope';

export interface EraseResult extends PurgeCounts {
  visitors: number;
}

/**
 * Erases one customer (GDPR art. 17, CCPA deletion): live chats are ended the normal way (agents' load and
 * the queue are released), then every conversation with its messages, search entries, ratings and
 * attachments (files in the store too), every browser identity (visitor: device, pages, offline messages,
 * tokens — a returning browser starts as a new anonymous visitor), the customer profile and every Redis
 * trace (routing, queue, offers, sockets, rate-limit buckets, pending timer jobs).
 * Kept on purpose: bans (the address and reason; the visitor link is cleared) and the audit entry, which
 * names the customer id only.
 */
export async function eraseCustomer(deps: PrivacyDeps, workspaceId: string, customerId: string): Promise<EraseResult> {
  const scope = await customerScope(deps.db, workspaceId, customerId);
  if (!scope) throw new AppError('not_found', 'Customer not found');
  const { visitorIds, conversationIds } = scope;
  if (conversationIds.length) {
    const live = await deps.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, conversationIds), ne(conversations.status, 'ended')));
    for (const { id } of live) await deps.endConversation(workspaceId, id);
  }
  const purged = await purgeConversations(deps, workspaceId, conversationIds);
  const erased = await deps.db.transaction(async (tx) => {
    const gone = visitorIds.length ? await tx.delete(visitors).where(and(eq(visitors.workspaceId, workspaceId), inArray(visitors.id, visitorIds))).returning({ id: visitors.id }) : [];
    await tx.delete(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
    return gone.length;
  });
  await purgeRedis(deps.redis, deps.redisPrefix, workspaceId, [...visitorIds, ...conversationIds, customerId]);
  const { blobKeys: _files, ...counts } = purged;
  return { ...counts, visitors: erased };
}
