import NextAuth from 'next-auth';
import { authOptions } from '../../../../lib/auth';
import { requestIp } from '../../../../lib/client-ip';
import { env } from '../../../../lib/env';
import { isAppError } from '../../../../lib/errors';
import { services } from '../../../../server/web';

const handler = NextAuth(authOptions);

/**
 * Credentials sign-in is refused BEFORE the password is checked while the account is locked or in its
 * progressive delay, or the IP failed too often: 429 + Retry-After. The body is the shape next-auth's
 * client expects (`url` with `?error=`), carrying the human message, so the form shows it in place.
 */
async function signInRefusal(req: Request): Promise<Response | null> {
  const form = await req.clone().formData().catch(() => null);
  const email = String(form?.get('email') ?? '');
  try {
    await services().limits.assertSignInAllowed(email, requestIp(req.headers, env().TRUSTED_PROXIES));
    return null;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'rate_limited') throw error;
    const url = new URL('/signin', req.url);
    url.searchParams.set('error', error.message);
    const retryAfter = String(error.retryAfterSeconds ?? 60);
    return Response.json(
      { url: url.toString(), ok: false, error: { code: error.code, message: error.message, details: error.details } },
      { status: 429, headers: { 'Retry-After': retryAfter } },
    );
  }
}

async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  if (new URL(req.url).pathname.endsWith('/callback/credentials')) {
    const refused = await signInRefusal(req);
    if (refused) return refused;
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
