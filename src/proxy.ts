import { NextResponse, type NextRequest } from 'next/server';
import { headerOptionsFromEnv, pageKind, securityHeaders } from './lib/security-headers';
import { widgetFrameAncestors } from './widget/frame-policy';

/**
 * Next.js 16 proxy: adds the security headers (src/lib/security-headers.ts) to every page and API answer;
 * the widget iframe may be framed only by the page the loader declared (src/widget/frame-policy.ts).
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  const { pathname, searchParams } = request.nextUrl;
  const ancestors = pageKind(pathname) === 'widget' ? widgetFrameAncestors(searchParams) : undefined;
  for (const [name, value] of Object.entries(securityHeaders(pathname, headerOptionsFromEnv(), ancestors))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets (immutable files served by Next itself).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
