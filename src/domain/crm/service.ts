import { and, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, customers, ratings, users, visitors, workspaces } from '../../db/schema';
import { mergeParams, sanitizeParams } from './params';
import { contactTimeline, type TimelineEntry } from './timeline';

export interface CustomerDto {
  id: string;
  /** null: a contact keyed by email (pre-chat form or `identify` without partnerid). */
  partnerId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  params: Record<string, string>;
  verified: boolean;
  visits: number;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string;
}

export interface CustomerConversation {
  id: string;
  status: string;
  channel: string;
  agentName: string | null;
  startedAt: string;
  endedAt: string | null;
  endedBy: string | null;
}

export interface Identity {
  partnerId: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  params?: unknown;
  verified: boolean;
}

/** The workspace CRM (F2): customers keyed by (workspace, partnerid). Every query is workspace-scoped. */
type Tx = Pick<Db, 'execute'>;

/**
 * A contact (partner_id null, keyed by the email typed on a device) signs in with a partnerid on that
 * device: this device's conversations and ratings move to the signed-in customer, which takes the
 * contact's params and this device's name and email where it has none; the contact row goes once nothing else points at it (the
 * same email typed on another device stays that device's contact: an email typed in a form proves nothing,
 * so other devices' history is never merged into an account).
 */
async function adoptContact(tx: Tx, workspaceId: string, visitorId: string, contactId: string, customerId: string): Promise<void> {
  await tx.execute(sql`update ${conversations} set customer_id = ${customerId} where workspace_id = ${workspaceId} and customer_id = ${contactId} and visitor_id = ${visitorId}`);
  await tx.execute(sql`update ${ratings} set customer_id = ${customerId} where workspace_id = ${workspaceId} and customer_id = ${contactId} and visitor_id = ${visitorId}`);
  // This device's own name and email (the contact row holds whatever was typed last, on any device).
  await tx.execute(sql`
    update ${customers} c set name = coalesce(c.name, v.name), email = coalesce(c.email, v.email)
    from ${visitors} v where c.id = ${customerId} and v.id = ${visitorId}`);
  await tx.execute(sql`
    delete from ${customers} k where k.id = ${contactId} and k.workspace_id = ${workspaceId}
      and not exists (select 1 from ${visitors} v where v.customer_id = k.id)
      and not exists (select 1 from ${conversations} x where x.workspace_id = k.workspace_id and x.customer_id = k.id)
      and not exists (select 1 from ${ratings} r where r.customer_id = k.id)`);
}

export class CustomerService {
  constructor(private readonly db: Db) {}

  async workspaceSecret(workspaceId: string): Promise<string | null> {
    const [row] = await this.db.select({ secret: workspaces.secret }).from(workspaces).where(eq(workspaces.id, workspaceId));
    return row?.secret ?? null;
  }

  /**
   * Creates or updates the customer (one row per partnerid, atomic upsert) and links the visitor to it.
   * Fields missing from this visit keep their stored values; params merge.
   */
  async identify(workspaceId: string, visitorId: string, identity: Identity): Promise<string> {
    const params = sanitizeParams(identity.params);
    const name = identity.name?.trim() || null;
    const email = identity.email?.trim() || null;
    const phone = identity.phone?.trim() || null;
    return this.db.transaction(async (tx) => {
      // A contact (email only, typed on this device) who now signs in: their record becomes the customer's.
      const [contact] = await tx
        .select({ id: customers.id, params: customers.params })
        .from(visitors)
        .innerJoin(customers, and(eq(customers.id, visitors.customerId), sql`${customers.partnerId} is null`))
        .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
      const [existing] = await tx
        .select({ params: customers.params })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), eq(customers.partnerId, identity.partnerId)))
        .for('update');
      const merged = mergeParams(mergeParams(contact?.params ?? {}, existing?.params ?? {}), params);
      const [row] = await tx
        .insert(customers)
        .values({ workspaceId, partnerId: identity.partnerId, name, email, phone, params: merged, verified: identity.verified })
        .onConflictDoUpdate({
          target: [customers.workspaceId, customers.partnerId],
          set: {
            name: sql`coalesce(excluded.name, ${customers.name})`,
            email: sql`coalesce(excluded.email, ${customers.email})`,
            phone: sql`coalesce(excluded.phone, ${customers.phone})`,
            params: sql`excluded.params`,
            verified: sql`excluded.verified`,
            visits: sql`${customers.visits} + 1`,
            updatedAt: new Date(),
            lastSeenAt: new Date(),
          },
        })
        .returning({ id: customers.id });
      await tx
        .update(visitors)
        .set({ customerId: row.id, partnerId: identity.partnerId, ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) })
        .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
      if (contact && contact.id !== row.id) await adoptContact(tx, workspaceId, visitorId, contact.id, row.id);
      return row.id;
    });
  }

  /**
   * The visitor's pre-chat answers (issue 14) complete the customer they are linked to: custom fields merge
   * into the customer's params (new answers win), name and email fill in what the customer lacks.
   */
  async adoptPrechatAnswers(workspaceId: string, visitorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [visitor] = await tx
        .select({ customerId: visitors.customerId, name: visitors.name, email: visitors.email, prechat: visitors.prechat })
        .from(visitors)
        .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
      if (!visitor?.customerId || !visitor.prechat) return;
      const [customer] = await tx.select({ params: customers.params }).from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, visitor.customerId))).for('update');
      if (!customer) return;
      const answers = sanitizeParams(Object.fromEntries(visitor.prechat.fields.map((f) => [f.key, f.value])));
      await tx
        .update(customers)
        .set({ params: mergeParams(customer.params ?? {}, answers), name: sql`coalesce(${customers.name}, ${visitor.name})`, email: sql`coalesce(${customers.email}, ${visitor.email})`, updatedAt: new Date() })
        .where(eq(customers.id, visitor.customerId));
    });
  }

  /**
   * A visitor who gave name and email but no partnerid (pre-chat form, `identify` without partnerid) becomes
   * a contact: the customer with partner_id null and this email (case-insensitive, one per workspace) is
   * created or updated (atomic upsert on customers_ws_contact_email_unique) and the visitor linked to it.
   * A visitor signed in with a partnerid keeps their customer. Returns the customer id, or null.
   */
  async identifyContact(workspaceId: string, visitorId: string, contact: { name?: string | null; email: string }): Promise<string | null> {
    const email = contact.email.trim();
    const name = contact.name?.trim() || null;
    if (!email) return null;
    return this.db.transaction(async (tx) => {
      const [visitor] = await tx
        .select({ partnerId: customers.partnerId })
        .from(visitors)
        .leftJoin(customers, eq(customers.id, visitors.customerId))
        .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
      if (!visitor || visitor.partnerId) return null;
      const { rows } = await tx.execute<{ id: string }>(sql`
        insert into ${customers} (workspace_id, partner_id, name, email, params, verified)
        values (${workspaceId}, null, ${name}, ${email}, '{}'::jsonb, false)
        on conflict (workspace_id, lower(email)) where partner_id is null
        do update set name = coalesce(excluded.name, ${customers.name}), visits = ${customers.visits} + 1, updated_at = now(), last_seen_at = now()
        returning id`);
      const id = rows[0].id;
      await tx
        .update(visitors)
        .set({ customerId: id, email, ...(name ? { name } : {}) })
        .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
      return id;
    });
  }

  /**
   * A visit without partnerid: the device is anonymous again (a shared computer after sign-out). A contact
   * keyed by email (the visitor typed it on this device) stays linked.
   */
  async forgetVisitor(workspaceId: string, visitorId: string): Promise<void> {
    await this.db
      .update(visitors)
      .set({ customerId: null })
      .where(
        and(
          eq(visitors.workspaceId, workspaceId),
          eq(visitors.id, visitorId),
          sql`${visitors.customerId} in (select id from ${customers} where workspace_id = ${workspaceId} and partner_id is not null)`,
        ),
      );
  }

  /** Links a conversation to the customer its visitor is identified as (once, at start). */
  async linkConversation(workspaceId: string, conversationId: string): Promise<void> {
    await this.db.execute(sql`
      update ${conversations} c set customer_id = v.customer_id
      from ${visitors} v
      where c.id = ${conversationId} and c.workspace_id = ${workspaceId} and v.id = c.visitor_id
        and c.customer_id is null and v.customer_id is not null`);
  }

  /** A visitor who signs in mid-chat (widget `identify`): their open conversation belongs to the customer too. */
  async linkOpenConversations(workspaceId: string, visitorId: string): Promise<void> {
    await this.db.execute(sql`
      update ${conversations} c set customer_id = v.customer_id
      from ${visitors} v
      where c.visitor_id = ${visitorId} and c.workspace_id = ${workspaceId} and v.id = c.visitor_id
        and c.status <> 'ended' and c.customer_id is null and v.customer_id is not null`);
  }

  async get(workspaceId: string, customerId: string): Promise<CustomerDto | null> {
    const [row] = await this.db.select().from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
    return row ? customerDto(row) : null;
  }

  async forConversation(workspaceId: string, conversationId: string): Promise<CustomerDto | null> {
    const [row] = await this.db
      .select({ c: customers })
      .from(conversations)
      .innerJoin(customers, eq(customers.id, conversations.customerId))
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), eq(customers.workspaceId, workspaceId)));
    return row ? customerDto(row.c) : null;
  }

  async byPartnerId(workspaceId: string, partnerId: string): Promise<CustomerDto | null> {
    const [row] = await this.db.select().from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.partnerId, partnerId)));
    return row ? customerDto(row) : null;
  }

  /** Customers, most recently seen first; `q` searches partnerid, name, email and phone. */
  async list(workspaceId: string, options: { q?: string; page?: number; pageSize?: number } = {}): Promise<{ items: CustomerDto[]; total: number; page: number; pageSize: number }> {
    const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 100);
    const page = Math.max(options.page ?? 1, 1);
    const q = options.q?.trim();
    const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      eq(customers.workspaceId, workspaceId),
      pattern ? or(ilike(customers.partnerId, pattern), ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.phone, pattern)) : undefined,
    );
    const [rows, [{ total }]] = await Promise.all([
      this.db.select().from(customers).where(where).orderBy(desc(customers.lastSeenAt), desc(customers.id)).limit(pageSize).offset((page - 1) * pageSize),
      this.db.select({ total: count() }).from(customers).where(where),
    ]);
    return { items: rows.map(customerDto), total: Number(total), page, pageSize };
  }

  /** Conversations, ratings (when the reader may see them) and submissions of the customer, oldest first. */
  timeline(workspaceId: string, customerId: string, options: { ratings: boolean }): Promise<TimelineEntry[]> {
    return contactTimeline(this.db, workspaceId, customerId, options);
  }

  /** The customer's conversations, newest first. */
  async conversations(workspaceId: string, customerId: string, limit = 20): Promise<CustomerConversation[]> {
    const rows = await this.db
      .select({
        id: conversations.id,
        status: conversations.status,
        channel: conversations.channel,
        agentName: users.name,
        startedAt: conversations.startedAt,
        endedAt: conversations.endedAt,
        endedBy: conversations.endedBy,
      })
      .from(conversations)
      .leftJoin(users, eq(users.id, conversations.agentId))
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.customerId, customerId)))
      .orderBy(desc(conversations.startedAt))
      .limit(Math.min(limit, 100));
    return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null }));
  }
}

/** A customer row as the console, the agent panel and the public API show it. */
export function customerDto(row: typeof customers.$inferSelect): CustomerDto {
  return {
    id: row.id,
    partnerId: row.partnerId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    params: row.params ?? {},
    verified: row.verified,
    visits: row.visits,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
}
