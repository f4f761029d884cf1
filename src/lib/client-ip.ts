import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * The client's address (rate limits, bans, devices), derived the same way by the web server
 * (src/web/server.ts) and the realtime server: from the TCP peer, believing X-Forwarded-For only hop by hop
 * from configured proxies (TRUSTED_PROXIES). Walking the chain [...forwarded, peer] from the right, every
 * trusted proxy is skipped and the first untrusted address is the client. With no trusted proxy the peer
 * itself is the client, whatever headers it sends.
 */
export function trustedProxyList(spec: string): BlockList {
  const list = new BlockList();
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = raw.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address)) throw new Error(`TRUSTED_PROXIES: not an IP or CIDR: ${raw}`);
    if (bits !== undefined) list.addSubnet(address, Number(bits), family);
    else list.addAddress(address, family);
  }
  return list;
}

export function normaliseIp(ip: string): string {
  const trimmed = ip.trim().replace(/^\[|\]$/g, '');
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

export function isTrustedProxy(list: BlockList, ip: string): boolean {
  const address = normaliseIp(ip);
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function clientIp(peer: string | undefined, forwardedFor: string | string[] | null | undefined, proxies: BlockList): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = header.split(',').map(normaliseIp).filter(Boolean);
  let current = peer ? normaliseIp(peer) : chain.pop();
  while (current && isTrustedProxy(proxies, current) && chain.length) current = chain.pop();
  return current && isIP(current) ? current : 'unknown';
}

/** Headers a client could use to claim another address or origin; believed only from a trusted proxy. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip', 'x-client-ip'];

export interface ResolvedPeer {
  /** The client address as every limit and ban sees it. */
  client: string;
  /** The TCP peer is one of TRUSTED_PROXIES. */
  viaTrustedProxy: boolean;
  /** The request carried a forwarding header that was not believed (an untrusted proxy in front?). */
  ignoredForwarding: boolean;
}

/**
 * Rewrites the forwarding headers of an incoming web request in place (src/web/server.ts, before Next
 * sees it): from an untrusted peer every forwarding header is dropped; from a trusted proxy the scheme and
 * host it forwarded are kept. In both cases `X-Forwarded-For` becomes exactly the derived client address,
 * so Next (which only adds the header when absent) and the route handlers (`requestIp`) see that address.
 */
export function resolveForwarding(headers: IncomingHttpHeaders, peer: string | undefined, proxies: BlockList): ResolvedPeer {
  const client = clientIp(peer, headers['x-forwarded-for'], proxies);
  const viaTrustedProxy = Boolean(peer && isTrustedProxy(proxies, peer));
  const ignoredForwarding = !viaTrustedProxy && FORWARDING_HEADERS.some((name) => headers[name] !== undefined);
  if (!viaTrustedProxy) for (const name of FORWARDING_HEADERS) delete headers[name];
  headers['x-forwarded-for'] = client;
  return { client, viaTrustedProxy, ignoredForwarding };
}

/**
 * Client IP of a web request inside a route handler. The web server (src/web/server.ts) has already
 * replaced `X-Forwarded-For` with the single derived client address, so its rightmost entry is the client.
 * (`next dev`, which does not run through that server, believes whatever the browser sends: development only.)
 * `trustedProxies` is kept for callers that pass it; resolving again is idempotent on a single entry.
 */
let webProxies: { spec: string; list: BlockList } | undefined;
export function requestIp(headers: Headers, trustedProxies: string): string {
  if (webProxies?.spec !== trustedProxies) webProxies = { spec: trustedProxies, list: trustedProxyList(trustedProxies) };
  return clientIp(undefined, headers.get('x-forwarded-for'), webProxies.list);
}
