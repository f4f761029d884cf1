import nodemailer from 'nodemailer';
import { MailSendError, type MailTransport, type OutgoingMail } from '../../domain/email/sender';

export interface SmtpOptions {
  /** e.g. `smtp://user:pass@smtp.example.com:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  /** Bound on connecting, the greeting and each socket read. */
  timeoutMs?: number;
}

/** The SMTP adapter: nodemailer over one pooled connection set. 5xx answers are permanent, the rest retried. */
export function smtpTransport(options: SmtpOptions): MailTransport & { close(): void } {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as never);
  return {
    async send(mail: OutgoingMail) {
      try {
        const info = await transporter.sendMail({
          from: { name: mail.from.name, address: mail.from.address },
          to: mail.to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          messageId: mail.messageId,
          headers: mail.headers,
        });
        if (info.rejected?.length) throw new MailSendError(`rejected: ${info.response ?? ''}`.trim(), true);
        return { response: String(info.response ?? 'accepted') };
      } catch (error) {
        if (error instanceof MailSendError) throw error;
        const e = error as { message?: string; responseCode?: number; response?: string };
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
        throw new MailSendError(e.response ?? e.message ?? 'send failed', permanent);
      }
    },
    close() {
      transporter.close();
    },
  };
}
