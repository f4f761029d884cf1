import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailOutbox, emailSuppressions, type EmailStatus } from '../../db/schema';
import type { RenderedEmail } from './render';

/** Anything that can run queries: the database or a transaction of the cause. */
export type Executor = Pick<Db, 'insert' | 'select' | 'update' | 'execute'>;

export interface EmailToQueue extends RenderedEmail {
  workspaceId: string;
  /** Cause + recipient, e.g. `invite:<token id>:<address>`: a second enqueue with the same key does nothing. */
  idempotencyKey: string;
  kind: string;
  /** Display name of the sender (the workspace's name). */
  fromName: string;
  to: string;
  headers?: Record<string, string>;
}

/**
 * Adds an email to the outbox. Call it with the transaction that records the cause, so the email exists
 * exactly when the cause committed. Returns false when the key was already queued.
 */
export async function queueEmail(tx: Executor, email: EmailToQueue): Promise<boolean> {
  const rows = await tx
    .insert(emailOutbox)
    .values({
      workspaceId: email.workspaceId,
      idempotencyKey: email.idempotencyKey,
      kind: email.kind,
      fromName: email.fromName,
      toAddress: email.to.trim().toLowerCase(),
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers ?? {},
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}

export interface DeliveryLogEntry {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  lastResponse: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The console's delivery log: the workspace's latest emails, newest first. */
export async function deliveryLog(db: Db, workspaceId: string, options: { status?: EmailStatus; limit?: number } = {}): Promise<DeliveryLogEntry[]> {
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastResponse: emailOutbox.lastResponse,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.workspaceId, workspaceId), options.status ? eq(emailOutbox.status, options.status) : undefined))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(Math.min(options.limit ?? 100, 500));
}

/** A hard bounce or a complaint: the address gets no more email (from any workspace). */
export async function suppressAddress(db: Db, address: string, reason: 'bounce' | 'complaint', detail?: string | null): Promise<void> {
  await db
    .insert(emailSuppressions)
    .values({ address: address.trim().toLowerCase(), reason, detail: detail ?? null })
    .onConflictDoUpdate({ target: emailSuppressions.address, set: { reason, detail: detail ?? null, createdAt: sql`now()` } });
}

export async function suppressionOf(db: Pick<Db, 'select'>, address: string): Promise<{ reason: string } | null> {
  const [row] = await db.select({ reason: emailSuppressions.reason }).from(emailSuppressions).where(eq(emailSuppressions.address, address.trim().toLowerCase()));
  return row ?? null;
}
