import { createHmac, timingSafeEqual } from 'node:crypto';

export type Variant = 'file' | 'thumb';

/**
 * Short-lived download links: `/api/files/<id>/<variant>?e=<unix seconds>&s=<HMAC>`. The id is a random
 * UUID and the HMAC covers id, variant and expiry, so a link can be neither guessed nor extended. Links
 * are only ever issued to the conversation's participants (history, live messages) and webhooks.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly baseUrl: string,
  ) {
    // A key of its own: a download signature can never double as any other token.
    this.key = createHmac('sha256', secret).update('livechat:attachment-links').digest();
  }

  url(id: string, variant: Variant, ttlSeconds: number, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + ttlSeconds;
    return `${this.baseUrl.replace(/\/$/, '')}/api/files/${id}/${variant}?e=${expires}&s=${this.sign(id, variant, expires)}`;
  }

  /** 'ok', or why the link is refused. */
  check(id: string, variant: string, expires: string | null, signature: string | null, now = Date.now()): 'ok' | 'invalid' | 'expired' {
    if (variant !== 'file' && variant !== 'thumb') return 'invalid';
    const e = Number(expires);
    if (!expires || !Number.isInteger(e) || !signature) return 'invalid';
    const expected = Buffer.from(this.sign(id, variant, e));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    return e * 1000 < now ? 'expired' : 'ok';
  }

  private sign(id: string, variant: Variant, expires: number): string {
    return createHmac('sha256', this.key).update(`${id}.${variant}.${expires}`).digest('base64url');
  }
}
