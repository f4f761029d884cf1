import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: { deliveryId: string; eventId: string; type: string; workspaceId: string; conversationId: string | null; seq: number | null; occurredAt: string; data: any };
  event: string;
  deliveryId: string;
  timestamp: string;
  signature: string;
}

/** What the receiver answers: a status, or 'hang' to never answer (the request is destroyed on close). */
export type Reply = { status: number; body?: string; /** Answer after this long (deliveries stay in flight meanwhile). */ delayMs?: number } | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. Records every request, answers per `respond`, and
 * lets tests await a condition on what arrived (no sleeps).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: (hook: ReceivedWebhook, index: number) => Reply = () => ({ status: 200, body: 'ok' });
  private server!: Server;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private hanging = new Set<ServerResponse>();
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const hook: ReceivedWebhook = {
          headers: req.headers,
          rawBody,
          body: JSON.parse(rawBody),
          event: String(req.headers['x-livechat-event']),
          deliveryId: String(req.headers['x-livechat-delivery']),
          timestamp: String(req.headers['x-livechat-timestamp']),
          signature: String(req.headers['x-livechat-signature']),
        };
        this.received.push(hook);
        const reply = this.respond(hook, this.received.length - 1);
        if (reply === 'hang') this.hanging.add(res);
        else if (reply.delayMs) setTimeout(() => res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? ''), reply.delayMs);
        else res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
        this.notify();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Resolves when `check()` holds (re-evaluated on every request), rejects after timeoutMs. */
  waitFor(check: () => boolean, timeoutMs = 20_000, what = 'webhooks'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { check, resolve: () => {} };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; received ${this.received.length}: ${this.received.map((r) => r.event).join(', ')}`));
      }, timeoutMs);
      waiter.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  private notify() {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Independent verification (plain node:crypto, not the app's code): HMAC-SHA256(secret, "{timestamp}.{body}"). */
export function verifySignature(secret: string, hook: ReceivedWebhook): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${hook.timestamp}.${hook.rawBody}`).digest('hex')}`);
  const given = Buffer.from(hook.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
