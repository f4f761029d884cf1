import { NextResponse, type NextRequest } from 'next/server';
import { widgetFrameAncestors } from './widget/frame-policy';

/** Response headers that depend on the request: the widget iframe's `frame-ancestors` (src/widget/frame-policy.ts). */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  response.headers.set('Content-Security-Policy', widgetFrameAncestors(request.nextUrl.searchParams));
  return response;
}

export const config = { matcher: ['/widget'] };
