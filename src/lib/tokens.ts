import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Signed tokens used by sockets. Visitors get an identity token bound to their workspace, re-issued on
 * every handshake (sliding: an active visitor never expires, an idle one does after VISITOR_TTL) and
 * revocable through `tv` (visitors.token_version). Staff get a short-lived token minted by the web app for
 * the signed-in user, carrying the user's session version `sv` (refused once it was bumped).
 */
const VisitorClaims = z.object({
  typ: z.literal('visitor'),
  vid: z.uuid(),
  wid: z.uuid(),
  tv: z.number().int().nonnegative().default(0),
  /** Issued at (seconds): a token issued less than VISITOR_RENEW_AFTER_SECONDS ago is handed back as it is. */
  iat: z.number().int().nonnegative().optional(),
});
const StaffClaims = z.object({
  typ: z.literal('staff'),
  uid: z.uuid(),
  wid: z.uuid(),
  role: z.enum(['admin', 'supervisor', 'agent']),
  sv: z.number().int().nonnegative().default(0),
});

export type VisitorClaims = z.infer<typeof VisitorClaims>;
export type StaffClaims = z.infer<typeof StaffClaims>;

export const VISITOR_TTL = '14d';
/**
 * A visitor token younger than this is not re-signed at a handshake: the widget keeps the one it has. The
 * expiry still slides (an active visitor's token is never older than this, out of 14 days), and a reconnect
 * storm does not pay an HMAC signature per visitor.
 */
export const VISITOR_RENEW_AFTER_SECONDS = 3600;
const STAFF_TTL = '10m';

/**
 * The HMAC key for a secret, imported once: given raw bytes, jose imports a WebCrypto key on every sign and
 * verify, which was a visible share of a reconnect storm's CPU (two per visitor handshake).
 */
const keys = new Map<string, Promise<CryptoKey>>();
function key(secret: string): Promise<CryptoKey> {
  let imported = keys.get(secret);
  if (!imported) {
    imported = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, imported);
  }
  return imported;
}

export async function signVisitorToken(secret: string, claims: Omit<z.input<typeof VisitorClaims>, 'typ'>): Promise<string> {
  return new SignJWT({ ...claims, typ: 'visitor' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(VISITOR_TTL).sign(await key(secret));
}

/** The visitor's token for this handshake: the one presented if it is recent and still says the same, else a fresh one. */
export async function visitorTokenFor(secret: string, presented: { token: string; claims: VisitorClaims } | null, claims: Omit<z.input<typeof VisitorClaims>, 'typ' | 'iat'>, nowSeconds = Date.now() / 1000): Promise<string> {
  const same = presented && presented.claims.vid === claims.vid && presented.claims.wid === claims.wid && presented.claims.tv === (claims.tv ?? 0);
  const age = presented?.claims.iat === undefined ? Infinity : nowSeconds - presented.claims.iat;
  return same && age >= 0 && age < VISITOR_RENEW_AFTER_SECONDS ? presented.token : signVisitorToken(secret, claims);
}

export async function signStaffToken(secret: string, claims: Omit<z.input<typeof StaffClaims>, 'typ'>): Promise<string> {
  return new SignJWT({ ...claims, typ: 'staff' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(STAFF_TTL).sign(await key(secret));
}

async function verify<T>(secret: string, token: string, schema: z.ZodType<T>): Promise<T | null> {
  const parsed = schema.safeParse(verifyHs256(secret, token));
  return parsed.success ? parsed.data : null;
}

/**
 * HS256 JWT verification with node:crypto, synchronously (what `jwtVerify(token, key, { algorithms: ['HS256'] })`
 * checks, for the tokens we sign): jose's WebCrypto path was ~13 % of a reconnect's CPU, mostly its async job
 * machinery. Refuses any other algorithm, `crit` headers, a non-canonical signature encoding, a payload that is
 * not an object, and `exp` / `nbf` / `iat` that are not numbers or say the token is not valid now.
 */
export function verifyHs256(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || given.toString('base64url') !== signature || !timingSafeEqual(given, expected)) return null;
  const h = parseJsonObject(header);
  if (!h || h.alg !== 'HS256' || 'crit' in h || 'b64' in h) return null;
  const claims = parseJsonObject(payload);
  if (!claims) return null;
  for (const name of ['exp', 'nbf', 'iat'] as const) if (name in claims && typeof claims[name] !== 'number') return null;
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) return null;
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return null;
  return claims;
}

function parseJsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const verifyVisitorToken = (secret: string, token: string) => verify(secret, token, VisitorClaims);
export const verifyStaffToken = (secret: string, token: string) => verify(secret, token, StaffClaims);
