import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Signed tokens used by sockets. Visitors get an identity token bound to their workspace, re-issued on
 * every handshake (sliding: an active visitor never expires, an idle one does after VISITOR_TTL) and
 * revocable through `tv` (visitors.token_version). Staff get a short-lived token minted by the web app for
 * the signed-in user, carrying the user's session version `sv` (refused once it was bumped).
 */
const VisitorClaims = z.object({ typ: z.literal('visitor'), vid: z.uuid(), wid: z.uuid(), tv: z.number().int().nonnegative().default(0) });
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
const STAFF_TTL = '10m';

function key(secret: string) {
  return new TextEncoder().encode(secret);
}

export async function signVisitorToken(secret: string, claims: Omit<z.input<typeof VisitorClaims>, 'typ'>): Promise<string> {
  return new SignJWT({ ...claims, typ: 'visitor' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(VISITOR_TTL).sign(key(secret));
}

export async function signStaffToken(secret: string, claims: Omit<z.input<typeof StaffClaims>, 'typ'>): Promise<string> {
  return new SignJWT({ ...claims, typ: 'staff' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(STAFF_TTL).sign(key(secret));
}

async function verify<T>(secret: string, token: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const verifyVisitorToken = (secret: string, token: string) => verify(secret, token, VisitorClaims);
export const verifyStaffToken = (secret: string, token: string) => verify(secret, token, StaffClaims);
