import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: Email;
  from: string;
  to: string[];
  messageId: string;
  header(name: string): string | undefined;
}

/**
 * A REAL SMTP server on 127.0.0.1 (smtp-server) for tests: collects every accepted message, parsed with
 * postal-mime. `holdNext()` keeps the next message's DATA unanswered (a send in flight); `stop()` /
 * `start()` on the same port simulate the mail server going down and coming back.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;
  port = 0;
  private holding = 0;
  /** While true, no message is accepted: every DATA waits unanswered (sends in flight). */
  holdAll = false;
  private held: Array<() => void> = [];
  /** Counts DATA phases started (accepted or not). */
  dataStarted = 0;
  private waiters = new Set<() => void>();

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        this.dataStarted++;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const accept = async () => {
            const parsed = await PostalMime.parse(raw);
            const headers = parsed.headers;
            this.received.push({
              raw,
              parsed,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: parsed.messageId ?? '',
              header: (name) => headers.find((h) => h.key === name.toLowerCase())?.value,
            });
            callback(null, 'Queued as test-' + this.received.length);
            this.wake();
          };
          if (this.holdAll || this.holding > 0) {
            if (!this.holdAll) this.holding--;
            this.wake();
            // Never answered: the client is killed or times out; the message is not accepted.
            this.held.push(() => callback(new Error('connection dropped')));
          } else void accept();
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as { port: number }).port;
  }

  /** The next message's DATA is never answered (a send in flight when the sender dies). */
  holdNext(): void {
    this.holding++;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const release of this.held.splice(0)) release();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  private wake() {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `predicate` holds (re-checked on each message), rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 20_000, what = 'mail'): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; received ${this.received.length}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }
}

/** The first link in a mail's plain-text part whose path starts with `pathPrefix`. */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  const match = (mail.parsed.text ?? '').match(new RegExp(`https?://[^\\s\\])]+${pathPrefix.replace(/[/.]/g, '\\$&')}[^\\s\\])]*`));
  if (!match) throw new Error(`no ${pathPrefix} link in: ${mail.parsed.text}`);
  return match[0];
}
