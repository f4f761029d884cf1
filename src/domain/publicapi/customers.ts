import { and, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, customers, visitors } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { customerDto, type CustomerDto } from '../crm/service';
import { mergeParams, sanitizeParams } from '../crm/params';
import { decodeCursor, keyTime, pageOf, type Page } from './paging';

/** Customers, newest first, keyset-paged on (created_at, id); `updatedSince` keeps those changed since then. */
export async function listCustomers(db: Db, workspaceId: string, f: { limit: number; cursor?: string; updatedSince?: Date; partnerId?: string; email?: string }): Promise<Page<CustomerDto>> {
  const after = decodeCursor(f.cursor);
  const where: (SQL | undefined)[] = [eq(customers.workspaceId, workspaceId)];
  if (f.updatedSince) where.push(sql`${customers.updatedAt} >= ${f.updatedSince.toISOString()}::timestamptz`);
  if (f.partnerId) where.push(eq(customers.partnerId, f.partnerId));
  if (f.email) where.push(sql`lower(${customers.email}) = lower(${f.email})`);
  if (after) where.push(sql`(${customers.createdAt}, ${customers.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const rows = await db
    .select({ row: customers, at: keyTime(customers.createdAt) })
    .from(customers)
    .where(and(...where))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, (r) => ({ at: r.at, id: r.row.id }), (r) => customerDto(r.row));
}

export interface CustomerUpsert {
  partnerId: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  params?: Record<string, string>;
}

/**
 * Creates the customer with this partnerId or updates it: given fields replace the stored ones (null clears
 * them), omitted fields are kept, params merge. `created` tells which happened.
 */
export async function upsertCustomer(db: Db, workspaceId: string, input: CustomerUpsert): Promise<{ customer: CustomerDto; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.partnerId, input.partnerId)))
      .for('update');
    const params = input.params === undefined ? undefined : sanitizeParams(input.params);
    const fields = {
      ...(input.name !== undefined ? { name: input.name?.trim() || null } : {}),
      ...(input.email !== undefined ? { email: input.email?.trim() || null } : {}),
      ...(input.phone !== undefined ? { phone: input.phone?.trim() || null } : {}),
    };
    if (existing) {
      const [row] = await tx
        .update(customers)
        .set({ ...fields, ...(params ? { params: mergeParams(existing.params ?? {}, params) } : {}), updatedAt: new Date() })
        .where(eq(customers.id, existing.id))
        .returning();
      return { customer: customerDto(row), created: false };
    }
    const [row] = await tx
      .insert(customers)
      .values({ workspaceId, partnerId: input.partnerId, ...fields, params: params ?? {}, verified: false, visits: 0 })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', 'This customer was created at the same moment; retry');
    return { customer: customerDto(row), created: true };
  });
}

/**
 * Deletes a customer with their data: their visitors (and so those visitors' conversations, messages and
 * ratings), any other conversation linked to them, and the customer. Refused while one of their
 * conversations is open (end it first).
 */
export async function deleteCustomer(db: Db, workspaceId: string, customerId: string): Promise<{ conversations: number }> {
  return db.transaction(async (tx) => {
    const [customer] = await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId))).for('update');
    if (!customer) throw new AppError('not_found', 'Customer not found');
    const visitorIds = (await tx.select({ id: visitors.id }).from(visitors).where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.customerId, customerId)))).map((v) => v.id);
    const owned = or(eq(conversations.customerId, customerId), visitorIds.length ? inArray(conversations.visitorId, visitorIds) : undefined);
    const [open] = await tx.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.workspaceId, workspaceId), owned, ne(conversations.status, 'ended'))).limit(1);
    if (open) throw new AppError('invalid_state', 'This customer has an open conversation; end it before deleting the customer');
    const removed = await tx.delete(conversations).where(and(eq(conversations.workspaceId, workspaceId), owned)).returning({ id: conversations.id });
    if (visitorIds.length) await tx.delete(visitors).where(and(eq(visitors.workspaceId, workspaceId), inArray(visitors.id, visitorIds)));
    await tx.delete(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
    return { conversations: removed.length };
  });
}
