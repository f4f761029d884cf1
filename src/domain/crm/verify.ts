import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Identity verification (F2): `partnerid_hash = hex(HMAC-SHA256(workspace secret, partnerid))`.
 * The site computes it on its server; we compare in constant time.
 */
export function partnerIdHash(secret: string, partnerId: string): string {
  return createHmac('sha256', secret).update(partnerId, 'utf8').digest('hex');
}

export function verifyPartnerId(secret: string, partnerId: string, hash: string | null | undefined): boolean {
  if (!hash || !/^[0-9a-fA-F]{64}$/.test(hash)) return false;
  const expected = Buffer.from(partnerIdHash(secret, partnerId), 'hex');
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type IdentityOutcome =
  | { kind: 'anonymous' }
  | { kind: 'identified'; verified: boolean }
  | { kind: 'refused'; reason: string };

/**
 * What a handshake's identity claim leads to. Without partnerid the visitor is anonymous (allowed in every
 * mode: mandatory verification protects claimed identities, it does not require one). With partnerid:
 * off = trusted as given; optional = saved, marked verified or not; mandatory = refused unless verified.
 */
export function identityOutcome(mode: 'off' | 'optional' | 'mandatory', secret: string, partnerId: string | null | undefined, hash: string | null | undefined): IdentityOutcome {
  if (!partnerId) return { kind: 'anonymous' };
  if (mode === 'off') return { kind: 'identified', verified: false };
  const verified = verifyPartnerId(secret, partnerId, hash);
  if (mode === 'mandatory' && !verified) {
    return { kind: 'refused', reason: hash ? 'partnerid_hash does not match partnerid' : 'partnerid_hash is required' };
  }
  return { kind: 'identified', verified };
}
