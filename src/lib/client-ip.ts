import { BlockList, isIP } from 'node:net';

/**
 * The client's IP for rate limits. X-Forwarded-For is believed only hop by hop from configured proxies:
 * walking the chain [...forwarded, peer] from the right, every trusted proxy is skipped and the first
 * untrusted address is the client. With no trusted proxy the peer itself is the client.
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

function normalise(ip: string): string {
  const trimmed = ip.trim().replace(/^\[|\]$/g, '');
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function trusted(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

export function clientIp(peer: string | undefined, forwardedFor: string | null | undefined, proxies: BlockList): string {
  const chain = [...(forwardedFor ?? '').split(',').map(normalise).filter(Boolean)];
  let current = peer ? normalise(peer) : chain.pop();
  while (current && trusted(proxies, current) && chain.length) current = chain.pop();
  return current && isIP(current) ? current : 'unknown';
}

let webProxies: { spec: string; list: BlockList } | undefined;

/**
 * Client IP of a web request. Next.js does not expose the TCP peer: it puts it in X-Forwarded-For only
 * when the request had none, so the rightmost entry is the peer or what the nearest proxy appended.
 * Behind a trusted proxy (TRUSTED_PROXIES) this is exact; a web process exposed directly can be fed a
 * forged header (docs/security.md: per-account sign-in limits do not depend on the IP).
 */
export function requestIp(headers: Headers, trustedProxies: string): string {
  if (webProxies?.spec !== trustedProxies) webProxies = { spec: trustedProxies, list: trustedProxyList(trustedProxies) };
  return clientIp(undefined, headers.get('x-forwarded-for'), webProxies.list);
}
