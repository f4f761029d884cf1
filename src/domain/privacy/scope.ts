import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, customers, visitors, type Customer } from '../../db/schema';

export interface CustomerScope {
  customer: Customer;
  /** Every visitor (browser identity) identified as this customer. */
  visitorIds: string[];
  /** Conversations of those visitors, and any stamped with the customer. */
  conversationIds: string[];
}

/** Everything that belongs to one CRM customer of a workspace; null when the customer does not exist there. */
export async function customerScope(db: Db, workspaceId: string, customerId: string): Promise<CustomerScope | null> {
  const [customer] = await db.select().from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!customer) return null;
  const visitorRows = await db.select({ id: visitors.id }).from(visitors).where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.customerId, customerId)));
  const visitorIds = visitorRows.map((v) => v.id);
  const conversationRows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), or(eq(conversations.customerId, customerId), visitorIds.length ? inArray(conversations.visitorId, visitorIds) : undefined)))
    .orderBy(conversations.startedAt);
  return { customer, visitorIds, conversationIds: conversationRows.map((c) => c.id) };
}
