import { describe, expect, it } from 'vitest';
import { clientIp, trustedProxyList } from '../../src/lib/client-ip';
import { pageKind, securityHeaders } from '../../src/lib/security-headers';

const options = { realtimeUrl: 'https://rt.example.com', https: true, dev: false };

describe('security headers', () => {
  it('console and agent pages: strict CSP, not frameable', () => {
    for (const path of ['/admin', '/admin/agents', '/agent', '/signin', '/signup', '/demo', '/']) {
      const h = securityHeaders(path, options);
      expect(h['Content-Security-Policy'], path).toContain("frame-ancestors 'none'");
      expect(h['Content-Security-Policy']).toContain("object-src 'none'");
      expect(h['Content-Security-Policy']).toContain('connect-src \'self\' https://rt.example.com wss://rt.example.com');
      expect(h['X-Frame-Options']).toBe('DENY');
      expect(h['X-Content-Type-Options']).toBe('nosniff');
      expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
      expect(h['Permissions-Policy']).toContain('camera=()');
      expect(h['Strict-Transport-Security']).toMatch(/max-age=/);
    }
  });

  it('the widget iframe page is frameable by any site', () => {
    const h = securityHeaders('/widget', options);
    expect(pageKind('/widget')).toBe('widget');
    expect(h['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(h['X-Frame-Options']).toBeUndefined();
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });

  it("only the interactive API reference may load Scalar's script from its CDN", () => {
    expect(securityHeaders('/developers/api/scalar', options)['Content-Security-Policy']).toContain("script-src 'self' https://cdn.jsdelivr.net 'unsafe-inline'");
    for (const path of ['/developers/api', '/admin', '/developers/api/scalar/x']) expect(securityHeaders(path, options)['Content-Security-Policy'], path).not.toContain('jsdelivr');
  });

  it('API answers: nothing to run, not frameable; no HSTS over http', () => {
    const h = securityHeaders('/api/health', { ...options, https: false });
    expect(h['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(h['Strict-Transport-Security']).toBeUndefined();
  });
});

describe('client IP', () => {
  const none = trustedProxyList('');
  const proxies = trustedProxyList('10.0.0.0/8, 127.0.0.1');
  it('ignores X-Forwarded-For from untrusted peers', () => {
    expect(clientIp('198.51.100.7', '1.2.3.4', none)).toBe('198.51.100.7');
    expect(clientIp('::ffff:198.51.100.7', undefined, none)).toBe('198.51.100.7');
  });
  it('walks trusted proxies from the right', () => {
    expect(clientIp('127.0.0.1', 'forged, 203.0.113.9, 10.1.1.1', proxies)).toBe('203.0.113.9');
    expect(clientIp('127.0.0.1', '203.0.113.9', proxies)).toBe('203.0.113.9');
  });
  it('web requests (no peer): the rightmost entry, skipping trusted proxies', () => {
    expect(clientIp(undefined, '203.0.113.1, 203.0.113.2', none)).toBe('203.0.113.2');
    expect(clientIp(undefined, '203.0.113.1, 10.0.0.5', proxies)).toBe('203.0.113.1');
    expect(clientIp(undefined, undefined, none)).toBe('unknown');
  });
});
