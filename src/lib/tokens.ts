import { jwtVerify, SignJWT } from 'jose';
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
  try {
    const { payload } = await jwtVerify(token, await key(secret), { algorithms: ['HS256'] });
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const verifyVisitorToken = (secret: string, token: string) => verify(secret, token, VisitorClaims);
export const verifyStaffToken = (secret: string, token: string) => verify(secret, token, StaffClaims);
