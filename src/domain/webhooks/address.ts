import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '../../lib/errors';

/**
 * Webhook target safety (F10): only http(s) URLs, and never private, loopback, link-local or otherwise
 * non-public addresses (IPv4, IPv6, IPv4-mapped/compatible/NAT64/6to4 IPv6) unless the environment allows
 * them (WEBHOOK_ALLOW_PRIVATE_TARGETS, tests and local development). Checked when an admin saves a URL and
 * again at every connection (`safeLookup`), so a DNS answer that changes after the save (DNS rebinding)
 * cannot reach an internal address.
 */

export type AddressClass = 'public' | 'private' | 'loopback' | 'link_local' | 'unspecified' | 'multicast' | 'reserved';

const V4_RANGES: [string, number, AddressClass][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyV4(ip: string): AddressClass {
  const n = v4ToInt(ip);
  for (const [base, bits, cls] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    if (n >= start && n < start + size) return cls;
  }
  return 'public';
}

/** 16 bytes of an IPv6 address (accepts `::`, embedded dotted IPv4 and zone ids). */
export function parseV6(ip: string): number[] {
  let text = ip.split('%')[0].toLowerCase();
  const dotted = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const n = v4ToInt(dotted[2]);
    text = `${dotted[1]}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const head = part(halves[0]);
  const tail = halves.length > 1 ? part(halves[1]) : [];
  const words = halves.length > 1 ? [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail] : head;
  return words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
}

function classifyV6(ip: string): AddressClass {
  const b = parseV6(ip);
  const zeroUntil = (n: number) => b.slice(0, n).every((x) => x === 0);
  const embeddedV4 = (offset: number) => b.slice(offset, offset + 4).join('.');
  if (zeroUntil(16)) return 'unspecified';
  if (zeroUntil(15) && b[15] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d
  if (zeroUntil(10) && b[10] === 0xff && b[11] === 0xff) return classifyV4(embeddedV4(12));
  if (zeroUntil(12)) return classifyV4(embeddedV4(12));
  // NAT64 64:ff9b::/96 and 6to4 2002::/16 embed an IPv4 address
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => x === 0)) return classifyV4(embeddedV4(12));
  if (b[0] === 0x20 && b[1] === 0x02) return classifyV4(embeddedV4(2));
  if ((b[0] & 0xfe) === 0xfc) return 'private'; // fc00::/7 unique local
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'link_local'; // fe80::/10
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return 'private'; // fec0::/10 site-local (deprecated)
  if (b[0] === 0xff) return 'multicast';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'reserved'; // documentation
  if (b[0] === 0x01 && b.slice(1, 8).every((x) => x === 0)) return 'reserved'; // 100::/64 discard
  return 'public';
}

/** Classifies an IP literal; throws on something that is not an IP address. */
export function classifyAddress(ip: string): AddressClass {
  const version = isIP(ip.split('%')[0]);
  if (version === 4) return classifyV4(ip);
  if (version === 6) return classifyV6(ip);
  throw new Error(`not an IP address: ${ip}`);
}

export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'public';
}

/** Parses and checks the URL's form (no DNS): http(s), a host, no credentials. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('bad_request', 'Enter a full URL, e.g. https://example.com/webhooks');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('bad_request', 'Only http and https URLs are allowed');
  if (!url.hostname) throw new AppError('bad_request', 'The URL has no host');
  if (url.username || url.password) throw new AppError('bad_request', 'Credentials in the URL are not allowed; verify the signature instead');
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Save-time check: the URL is http(s) and every address its host resolves to is public (unless
 * `allowPrivate`). Throws a `bad_request` AppError with a message for the admin.
 */
export async function assertSafeTarget(raw: string, allowPrivate: boolean, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<URL> {
  const url = parseTargetUrl(raw);
  if (allowPrivate) return url;
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new AppError('bad_request', `Could not resolve ${host}`);
    }
    if (!addresses.length) throw new AppError('bad_request', `Could not resolve ${host}`);
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused) throw new AppError('bad_request', `${host} resolves to a ${classifyAddress(refused).replace('_', '-')} address (${refused}); webhook targets must be public`);
  return url;
}

async function resolveAll(host: string): Promise<string[]> {
  const results = await dns.lookup(host, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

/**
 * A `lookup` for http.request that refuses non-public answers at connection time (DNS rebinding). With
 * `allowPrivate` it is the system lookup.
 */
export function safeLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error | null, a: LookupAddress[]) => void)(err, []);
      const list = addresses as unknown as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad) {
        const error = Object.assign(new Error(`refused: ${hostname} resolves to a non-public address (${bad.address})`), { code: 'EWEBHOOKPRIVATE' });
        return (callback as (e: Error | null, a: LookupAddress[]) => void)(error, []);
      }
      if ((options as { all?: boolean }).all) return (callback as (e: Error | null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      (callback as (e: Error | null, a: string, f: number) => void)(null, first.address, first.family);
    });
  };
}
