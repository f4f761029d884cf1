
/**
 * /agent events re-checked against the account's current state before they run (staff-auth.ts). The hot
 * path (message.send, typing) is left out: it is authorised by conversation-room membership, and every
 * account change disconnects the account's sockets on all nodes anyway.
 */
export const AGENT_GUARDED_EVENTS: ReadonlySet<string> = new Set([
  'status.set',
  'conversations.list',
  'history',
  'whisper.list',
  'rating.invite',
  'customer.get',
  'chat.end',
  'pool.list',
  'pool.claim',
  'transfer.targets',
  'chat.transfer',
]);

/** A refusal the widget understands: `rate_limited: …` with `data.retryAfterSeconds` (it retries after that, jittered). */
export function rateLimited(message: string, retryAfterSeconds: number): Error {
  return Object.assign(new Error(`rate_limited: ${message}`), { data: { retryAfterSeconds } });
}

/**
 * Per-node admission rate for visitor handshakes (reconnect storms, issue 22): a token bucket of
 * `perSecond` admissions with one second of burst, in this process (no Redis round trip before the
 * refusal). A refused handshake is told to retry after a delay spread over the backlog the refusals
 * reveal, so a storm of reconnects is admitted at the node's pace instead of retrying all at once.
 */
export class AdmissionRate {
  private tokens: number;
  private last = Date.now();
  /** Refusals in the current second: the retry delays spread over how long that backlog takes. */
  private refusedWindow = { at: 0, count: 0 };

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  /** Null when admitted, else the connect_error to answer with. */
  admit(now = Date.now()): Error | null {
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    if (now - this.refusedWindow.at > 1000) this.refusedWindow = { at: now, count: 0 };
    this.refusedWindow.count++;
    // Spread the retries over at least the time the refused backlog needs at this rate (2–30 s).
    const backlogSeconds = Math.min(30, Math.max(2, Math.ceil((this.refusedWindow.count * 2) / this.perSecond)));
    const retryAfterSeconds = 1 + Math.floor(Math.random() * backlogSeconds);
    return rateLimited('This chat is very busy. Reconnecting shortly.', retryAfterSeconds);
  }
}
