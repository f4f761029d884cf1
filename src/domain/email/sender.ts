import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailOutbox, type EmailOutboxRow } from '../../db/schema';
import { suppressionOf } from './outbox';

/** What the SMTP adapter (src/infra/mail) is given. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per outbox row: a receiver can tell a repeated delivery from a new email. */
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  /** Resolves with the server's answer once it accepted the message; rejects with a `MailSendError` otherwise. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
}

/** `permanent`: the server refused this message for good (5xx): retrying cannot help. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Thrown when another worker holds the row right now: the job retries later. */
export class EmailBusyError extends Error {}

export type SendOutcome = 'sent' | 'suppressed' | 'failed' | 'retry' | 'done';

export interface EmailSenderConfig {
  fromAddress: string;
  /** How long a claim holds the row (longer than one SMTP exchange can take). */
  leaseMs: number;
}

/**
 * Sends one outbox row, at most once: the row is claimed (`pending` → `sending` with a lease) before the
 * SMTP exchange and marked `sent` after it, so a second job for the same row finds it sent. A worker that
 * dies mid-send leaves the row leased; once the lease ends another worker takes it back. Its Message-ID is
 * the row's, so the resend is the same email.
 */
export class EmailSender {
  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly config: EmailSenderConfig,
  ) {}

  messageIdOf(row: Pick<EmailOutboxRow, 'id'>): string {
    const domain = this.config.fromAddress.split('@')[1] ?? 'localhost';
    return `<${row.id}@${domain}>`;
  }

  /** `finalAttempt`: a temporary failure now counts as failed for good. */
  async send(id: string, finalAttempt = false): Promise<SendOutcome> {
    const [row] = await this.db
      .update(emailOutbox)
      .set({ status: 'sending', attempts: sql`${emailOutbox.attempts} + 1`, leaseUntil: sql`now() + ${`${this.config.leaseMs} milliseconds`}::interval`, updatedAt: sql`now()` })
      .where(and(eq(emailOutbox.id, id), sql`(${emailOutbox.status} = 'pending' or (${emailOutbox.status} = 'sending' and ${emailOutbox.leaseUntil} < now()))`))
      .returning();
    if (!row) {
      const [current] = await this.db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, id));
      if (current?.status === 'sending') throw new EmailBusyError('another worker is sending this email');
      return 'done';
    }
    const suppressed = await suppressionOf(this.db, row.toAddress);
    if (suppressed) {
      await this.finish(id, 'suppressed', `not sent: the address is suppressed (${suppressed.reason})`);
      return 'suppressed';
    }
    try {
      const { response } = await this.transport.send({
        from: { name: row.fromName, address: this.config.fromAddress },
        to: row.toAddress,
        subject: row.subject,
        html: row.html,
        text: row.text,
        messageId: this.messageIdOf(row),
        headers: row.headers,
      });
      await this.finish(id, 'sent', response);
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof MailSendError && error.permanent;
      if (permanent || finalAttempt) {
        await this.finish(id, 'failed', message);
        return 'failed';
      }
      await this.db
        .update(emailOutbox)
        .set({ status: 'pending', leaseUntil: null, lastResponse: message, updatedAt: sql`now()` })
        .where(eq(emailOutbox.id, id));
      return 'retry';
    }
  }

  private async finish(id: string, status: 'sent' | 'failed' | 'suppressed', response: string) {
    await this.db
      .update(emailOutbox)
      .set({ status, leaseUntil: null, lastResponse: response.slice(0, 1000), sentAt: status === 'sent' ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(emailOutbox.id, id));
  }

  /** Rows the relay should hand to the queue: new ones, and any whose job was lost (stale for `staleMs`). */
  async due(limit: number, staleMs: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        sql`${emailOutbox.status} in ('pending', 'sending') and (${emailOutbox.enqueuedAt} is null or ${emailOutbox.enqueuedAt} < now() - ${`${staleMs} milliseconds`}::interval)`,
      )
      .orderBy(emailOutbox.createdAt)
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.execute(sql`update email_outbox set enqueued_at = now() where id = any(${`{${ids.join(',')}}`}::uuid[])`);
  }
}
