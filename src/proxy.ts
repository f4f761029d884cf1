import { NextResponse, type NextRequest } from 'next/server';
import { headerOptionsFromEnv, securityHeaders } from './lib/security-headers';

/** Next.js 16 proxy: adds the security headers (src/lib/security-headers.ts) to every page and API answer. */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(securityHeaders(request.nextUrl.pathname, headerOptionsFromEnv()))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets (immutable files served by Next itself).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
