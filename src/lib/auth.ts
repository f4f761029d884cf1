import { getServerSession, type NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import type { Role } from '../db/schema';
import type { SessionUser } from '../server/web';
import { requestIp } from './client-ip';
import { env } from './env';
import { AppError, HTTP_STATUS, isAppError, toErrorBody, type ErrorCode } from './errors';
import { services } from '../server/web';
import { twoFactor } from '../server/two-factor';

/** next-auth error strings the sign-in form understands (password right, second factor missing / wrong). */
export const TWO_FACTOR_REQUIRED = 'TwoFactorRequired';
export const TWO_FACTOR_INVALID = 'TwoFactorInvalid';

export type { Role, SessionUser };

/**
 * Authentication for the web app: next-auth v4 with credentials and JWT sessions, plus the helpers every
 * page and route handler uses to get the signed-in user and enforce roles.
 *
 * Role model: admin may do everything; supervisor may use the console's monitoring pages and the agent
 * workspace (no agent management, no settings changes); agent may only use the agent workspace (/agent).
 */

export const ALL_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const CONSOLE_ROLES: readonly Role[] = ['admin', 'supervisor'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];

/** Where a user lands after signing in (and where a page they may not see sends them). */
export function homeFor(role: Role): string {
  return role === 'agent' ? '/agent' : '/admin';
}

const SessionUserSchema = z.object({
  id: z.string().min(1),
  workspaceId: z.string().min(1),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'supervisor', 'agent']),
  sessionVersion: z.number().int().nonnegative().optional(),
});

// next-auth derives its cookie security and callback URLs from NEXTAUTH_URL; default it to the public web URL.
if (!process.env.NEXTAUTH_URL && process.env.PUBLIC_WEB_URL) process.env.NEXTAUTH_URL = process.env.PUBLIC_WEB_URL;

export const authOptions: NextAuthOptions = {
  // A getter: env() is read on first use, not when `next build` imports this module.
  get secret() {
    return env().AUTH_SECRET;
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  // `Secure` (and the __Secure- prefix) on the session cookie whenever the app is served over https.
  get useSecureCookies() {
    return (process.env.NEXTAUTH_URL ?? env().PUBLIC_WEB_URL).startsWith('https://');
  },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        code: { label: 'Two-factor code', type: 'text' },
      },
      async authorize(credentials, req) {
        const email = credentials?.email ?? '';
        const { accounts, limits } = services();
        const user = await accounts.authenticate({ email, password: credentials?.password ?? '' });
        // Failures feed the progressive delay / lockout that the route checks before the next attempt.
        const forwarded = req?.headers?.['x-forwarded-for'];
        const ip = requestIp(new Headers(typeof forwarded === 'string' ? { 'x-forwarded-for': forwarded } : {}), env().TRUSTED_PROXIES);
        if (!user) {
          await limits.recordSignInFailure(email, ip);
          return null;
        }
        // Two-factor sign-in (src/domain/accounts/two-factor.ts): the sign-in form asks for the code on this answer.
        const second = await twoFactor().check(user.id, user.email, credentials?.code);
        if (second === 'required') throw new Error(TWO_FACTOR_REQUIRED);
        if (second === 'invalid') {
          await limits.recordSignInFailure(email, ip);
          throw new Error(TWO_FACTOR_INVALID);
        }
        await limits.recordSignInSuccess(email);
        return { id: user.id, workspaceId: user.workspaceId, role: user.role, name: user.name, email: user.email, sessionVersion: user.sessionVersion ?? 0 };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as SessionUser;
        token.id = u.id;
        token.sub = u.id;
        token.workspaceId = u.workspaceId;
        token.role = u.role;
        token.name = u.name;
        token.email = u.email;
        token.sv = u.sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        user: { id: token.id, workspaceId: token.workspaceId, role: token.role, name: token.name, email: token.email, sessionVersion: token.sv ?? 0 },
      } as typeof session;
    },
  },
};

/**
 * Test seam: resolves the *claimed* session user (production: the next-auth JWT cookie). Integration tests
 * replace it with `setSessionResolver(async () => someUser)` and call route handlers directly.
 */
export type SessionResolver = () => Promise<SessionUser | null>;

async function nextAuthResolver(): Promise<SessionUser | null> {
  // Marks the render as request-time first, so `next build` never tries to prerender a signed-in page.
  await connection();
  const session = await getServerSession(authOptions);
  const parsed = SessionUserSchema.safeParse((session as { user?: unknown } | null)?.user);
  return parsed.success ? parsed.data : null;
}

let resolver: SessionResolver = nextAuthResolver;

/** Replace (or with no argument, restore) how the claimed session user is read. For tests. */
export function setSessionResolver(next?: SessionResolver | null): void {
  resolver = next ?? nextAuthResolver;
}

/**
 * The signed-in user, re-read from the database so that deactivation, role and name changes take effect
 * at once (a JWT alone would stay valid until it expires). Null when not signed in or no longer active.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const claimed = await resolver();
  if (!claimed) return null;
  const user = await services().accounts.getUser(claimed.workspaceId, claimed.id);
  // Sessions minted before sign-out-everywhere, deactivation, a role or password change are over.
  if (!user || (claimed.sessionVersion ?? 0) !== (user.sessionVersion ?? 0)) return null;
  return user;
}

/**
 * For server components: returns the signed-in user with one of `roles`. Sends signed-out visitors to
 * /signin; a signed-in user without the role goes to their own home (agents) or the console's 403 page.
 */
export async function requirePageUser(roles: readonly Role[], callbackPath?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : '/signin');
  if (!roles.includes(user.role)) redirect(user.role === 'agent' ? '/agent' : '/admin/forbidden');
  // A workspace that requires two-factor sign-in sends members without it to set it up first.
  if (callbackPath !== '/account' && (await twoFactor().setupNeeded(user.workspaceId, user.id))) redirect('/account?two-factor=required#two-factor');
  return user;
}

// ---------------------------------------------------------------------------------------------------------
// Route handlers

export function errorResponse(code: ErrorCode, message: string, details?: unknown): Response {
  return Response.json({ ok: false, error: { code, message, ...(details !== undefined ? { details } : {}) } }, { status: HTTP_STATUS[code] });
}

/** Maps any thrown error to `{ ok:false, error }` with the right status; unexpected errors are logged, not leaked. */
export function errorToResponse(error: unknown): Response {
  // Recognised by code, not class identity: route chunks may hold their own copy of lib/errors.
  if (!isAppError(error)) {
    // Imported lazily: keeps the logger out of modules that never log.
    void import('./logger').then(({ logger }) => logger.error({ err: error }, 'route handler failed')).catch(() => {});
  }
  const body = toErrorBody(error);
  const retryAfter = isAppError(error) ? error.retryAfterSeconds : undefined;
  const headers = retryAfter !== undefined ? { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) } : undefined;
  return Response.json({ ok: false, error: body }, { status: HTTP_STATUS[body.code], headers });
}

/** `{ ok: true, ...data }` */
export function okResponse(data: Record<string, unknown> = {}, status = 200): Response {
  return Response.json({ ok: true, ...data }, { status });
}

/** Parses a JSON request body; an empty or malformed body is a 400 bad_request AppError. */
export async function readJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await req.text();
  } catch {
    throw new AppError('bad_request', 'Could not read the request body');
  }
  if (!text.trim()) throw new AppError('bad_request', 'Request body must be JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Request body is not valid JSON');
  }
}
