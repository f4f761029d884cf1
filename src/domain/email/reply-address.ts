import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed conversation token of a visitor email's `Reply-To: reply+<token>@<inbound domain>`:
 * the conversation id (32 hex digits, no dashes) and 20 hex digits of an HMAC-SHA256 with AUTH_SECRET.
 * Lower-case hex only, so a mail system that lower-cases the local part keeps it valid (55 characters with
 * `reply+`, under the 64 an address's local part may have).
 */
function signature(secret: string, compactId: string): string {
  return createHmac('sha256', secret).update(`reply:${compactId}`).digest('hex').slice(0, 20);
}

export function conversationReplyToken(secret: string, conversationId: string): string {
  const compact = conversationId.replace(/-/g, '').toLowerCase();
  return `${compact}.${signature(secret, compact)}`;
}

export function replyAddress(secret: string, conversationId: string, inboundDomain: string): string {
  return `reply+${conversationReplyToken(secret, conversationId)}@${inboundDomain}`;
}

/** The conversation id of a `reply+<token>@…` address (or a bare token); null when absent or forged. */
export function verifyReplyToken(secret: string, addressOrToken: string): { conversationId: string } | { forged: true } | null {
  const match = /(?:^|reply\+)([0-9a-f]{32})\.([0-9a-f]{20})(?:@|$)/i.exec(addressOrToken.trim());
  if (!match) return /reply\+/i.test(addressOrToken) ? { forged: true } : null;
  const compact = match[1].toLowerCase();
  const expected = Buffer.from(signature(secret, compact));
  const given = Buffer.from(match[2].toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { forged: true };
  const id = `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
  return { conversationId: id };
}
