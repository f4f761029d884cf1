import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressWarning } from '../../src/lib/address-watch';
import { resolveForwarding, trustedProxyList } from '../../src/lib/client-ip';

/** Issue 22: the web server's header rewrite (src/web/server.ts) before Next sees a request. */
describe('resolveForwarding', () => {
  const proxies = trustedProxyList('10.0.0.5,192.168.0.0/16');

  it('an untrusted peer: every forwarding header is dropped and X-Forwarded-For becomes the peer', () => {
    const headers: IncomingHttpHeaders = { host: 'chat.example.com', 'x-forwarded-for': '1.2.3.4', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https', forwarded: 'for=1.2.3.4', 'x-real-ip': '1.2.3.4' };
    expect(resolveForwarding(headers, '::ffff:203.0.113.9', proxies)).toEqual({ client: '203.0.113.9', viaTrustedProxy: false, ignoredForwarding: true });
    expect(headers).toEqual({ host: 'chat.example.com', 'x-forwarded-for': '203.0.113.9' });
  });

  it('a direct client without headers: its own address, nothing flagged', () => {
    const headers: IncomingHttpHeaders = { host: 'x' };
    expect(resolveForwarding(headers, '198.51.100.7', proxies)).toEqual({ client: '198.51.100.7', viaTrustedProxy: false, ignoredForwarding: false });
    expect(headers['x-forwarded-for']).toBe('198.51.100.7');
  });

  it('a trusted proxy (chain of trusted hops): the first untrusted address from the right; host and scheme kept', () => {
    const headers: IncomingHttpHeaders = { 'x-forwarded-for': '6.6.6.6, 198.51.100.20, 192.168.1.3', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.com' };
    expect(resolveForwarding(headers, '10.0.0.5', proxies)).toMatchObject({ client: '198.51.100.20', viaTrustedProxy: true });
    expect(headers).toEqual({ 'x-forwarded-for': '198.51.100.20', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.com' });
  });

  it('the warning names the address to trust', () => {
    expect(addressWarning('172.18.0.2', 120, true).message).toMatch(/120 different visitors arrived from 172\.18\.0\.2.*set TRUSTED_PROXIES=172\.18\.0\.2/);
  });
});
