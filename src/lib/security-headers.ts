/**
 * Security headers of every web response (applied by src/proxy.ts at request time, so the realtime URL
 * of the running deployment is used, not the one at build time). docs/security.md explains each.
 *
 * - Console, agent workspace, sign-in/up, demo: not frameable (`frame-ancestors 'none'`, X-Frame-Options).
 * - The widget iframe page (/widget): frameable by the embedding page the loader declared (the customer's;
 *   src/widget/frame-policy.ts), or by any site when no directive is given.
 * - Scripts: 'self' plus 'unsafe-inline', because Next.js inlines its bootstrap scripts in prerendered
 *   pages (nonces would force every page to render per request); no third-party script origins.
 */
export type PageKind = 'app' | 'widget' | 'api';

export function pageKind(pathname: string): PageKind {
  if (pathname === '/widget' || pathname.startsWith('/widget/')) return 'widget';
  if (pathname.startsWith('/api/')) return 'api';
  return 'app';
}

export interface HeaderOptions {
  realtimeUrl: string;
  /** Extra connect-src origins (CSP_CONNECT_SRC_EXTRA), e.g. an S3 endpoint for direct uploads. */
  extraConnect?: string[];
  https: boolean;
  dev: boolean;
}

function realtimeSources(url: string): string[] {
  try {
    const u = new URL(url);
    const ws = `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
    return [u.origin, ws];
  } catch {
    return [];
  }
}

export function contentSecurityPolicy(kind: PageKind, o: HeaderOptions, widgetAncestors = 'frame-ancestors *'): string {
  if (kind === 'api') return "default-src 'none'; frame-ancestors 'none'";
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${o.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${[...realtimeSources(o.realtimeUrl), ...(o.extraConnect ?? [])].join(' ')}${o.dev ? ' ws: wss:' : ''}`.trim(),
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    kind === 'widget' ? widgetAncestors : "frame-ancestors 'none'",
  ];
  if (o.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** The one page that runs a third-party script: the interactive API reference (Scalar's viewer, issue 24). */
export const SCALAR_REFERENCE_PATH = '/developers/api/scalar';

/** Scalar's viewer script origin: its CDN, or API_REFERENCE_CDN when self-hosted. */
export function scalarScriptOrigin(cdn = process.env.API_REFERENCE_CDN): string {
  try {
    return new URL(cdn || 'https://cdn.jsdelivr.net/npm/@scalar/api-reference').origin;
  } catch {
    return 'https://cdn.jsdelivr.net';
  }
}

export function securityHeaders(pathname: string, o: HeaderOptions, widgetAncestors?: string): Record<string, string> {
  const kind = pageKind(pathname);
  let csp = contentSecurityPolicy(kind, o, widgetAncestors);
  // Only there: Scalar's script (and the fonts it loads) from its origin.
  if (pathname === SCALAR_REFERENCE_PATH) {
    const origin = scalarScriptOrigin();
    csp = csp.replace("script-src 'self'", `script-src 'self' ${origin}`).replace("font-src 'self' data:", `font-src 'self' data: ${origin} https://fonts.scalar.com`).replace("style-src 'self'", `style-src 'self' ${origin} https://fonts.scalar.com`);
  }
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  };
  if (kind !== 'widget') headers['X-Frame-Options'] = 'DENY';
  if (o.https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** Options from the environment of the running web process. */
export function headerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): HeaderOptions {
  const web = env.PUBLIC_WEB_URL ?? 'http://localhost:3000';
  return {
    realtimeUrl: env.PUBLIC_REALTIME_URL ?? 'http://localhost:3001',
    extraConnect: (env.CSP_CONNECT_SRC_EXTRA ?? '').split(/[\s,]+/).filter(Boolean),
    https: web.startsWith('https://'),
    dev: env.NODE_ENV !== 'production',
  };
}
