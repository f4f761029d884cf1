import { isAppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { RateLimits } from '../lib/rate-limits';

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

/**
 * Visitor handshakes per client IP and per widget key. Returns the connect_error to answer with (its
 * `data.retryAfterSeconds` reaches the client), or null. Fails open when Redis cannot be asked.
 */
export async function handshakeLimited(limits: RateLimits, ip: string, widgetKey: string): Promise<Error | null> {
  try {
    await limits.hit('handshake_ip', ip);
    await limits.hit('handshake_key', widgetKey);
    return null;
  } catch (error) {
    if (!isAppError(error)) {
      logger.warn({ err: error }, 'handshake rate limit check failed; allowed');
      return null;
    }
    return Object.assign(new Error(`rate_limited: ${error.message}`), { data: { retryAfterSeconds: error.retryAfterSeconds } });
  }
}
