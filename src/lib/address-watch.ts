import type { Redis } from 'ioredis';
import { logger } from './logger';

/** How long distinct visitors are counted per address, and how long a warning stays up after the last sighting. */
export const ADDRESS_WATCH_WINDOW_SECONDS = 600;

export interface AddressWarning {
  code: 'untrusted_proxy';
  address: string;
  visitors: number;
  /** The peer sent X-Forwarded-For (or similar) that was ignored: almost certainly a proxy. */
  forwardingIgnored: boolean;
  message: string;
  at: string;
}

/** The shared warning is rewritten at most this often per address (readiness reads it every 15 s). */
const STORE_EVERY_MS = 5_000;
const warningKey = (prefix: string) => `${prefix}:clientaddr:warning`;

/**
 * Notices a reverse proxy that is not in TRUSTED_PROXIES (issue 22): then every visitor behind it has the
 * proxy's address, so the per-address limits throttle the whole site and an address ban locks everyone
 * out. Counted on the TCP peer when it is taken as the client (no trusted proxy in between): distinct
 * visitor ids per address in a 10-minute window (a HyperLogLog in Redis, shared by every node). Over the
 * threshold, a warning is stored for readiness (`/api/health/ready`, realtime `/health/ready`) and logged
 * once per address and window with what to set.
 */
export class AddressWatch {
  private latest: AddressWarning | null = null;
  private readonly logged = new Set<string>();
  private readonly storedAt = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly threshold: number,
  ) {
    this.timer = setInterval(() => void this.refresh(), 15_000);
    this.timer.unref();
    void this.refresh();
  }

  /**
   * Where a visitor's sighting is counted (a HyperLogLog of visitor ids, kept `ADDRESS_WATCH_WINDOW_SECONDS`
   * × 2), or null when it is not watched: `fromPeer` false (a trusted proxy named the client), unknown
   * address, or the watch switched off. The visitor handshake adds to it in its one Redis round trip.
   */
  sightingKey(address: string, fromPeer: boolean): string | null {
    if (!fromPeer || address === 'unknown' || this.threshold <= 0) return null;
    const window = Math.floor(Date.now() / 1000 / ADDRESS_WATCH_WINDOW_SECONDS);
    return `${this.prefix}:clientaddr:${window}:${address}`;
  }

  /** `visitors` distinct visitors were seen from `address` in this window: over the threshold, a warning. */
  async counted(address: string, visitors: number, forwardingIgnored: boolean): Promise<void> {
    if (visitors <= this.threshold) return;
    const window = Math.floor(Date.now() / 1000 / ADDRESS_WATCH_WINDOW_SECONDS);
    const warning = addressWarning(address, visitors, forwardingIgnored);
    this.latest = warning;
    // Stored for the other nodes' readiness at most every few seconds per address, not on every handshake.
    const now = Date.now();
    if ((this.storedAt.get(address) ?? 0) > now - STORE_EVERY_MS) return;
    if (this.storedAt.size > 1000) this.storedAt.clear();
    this.storedAt.set(address, now);
    await this.redis.set(warningKey(this.prefix), JSON.stringify(warning), 'EX', ADDRESS_WATCH_WINDOW_SECONDS);
    const once = `${window}:${address}`;
    if (!this.logged.has(once)) {
      if (this.logged.size > 1000) this.logged.clear();
      this.logged.add(once);
      logger.warn({ address, visitors, forwardingIgnored }, warning.message);
    }
  }

  /** The current warning (any node's), as cached for the synchronous readiness probe. */
  warnings(): AddressWarning[] {
    return this.latest ? [this.latest] : [];
  }

  async refresh(): Promise<void> {
    this.latest = await readAddressWarning(this.redis, this.prefix).catch(() => this.latest);
  }

  close(): void {
    clearInterval(this.timer);
  }
}

export function addressWarning(address: string, visitors: number, forwardingIgnored: boolean): AddressWarning {
  const what = forwardingIgnored ? 'a reverse proxy that is not trusted (it sends X-Forwarded-For, which is ignored)' : 'a reverse proxy, load balancer or NAT';
  return {
    code: 'untrusted_proxy',
    address,
    visitors,
    forwardingIgnored,
    message:
      `${visitors} different visitors arrived from ${address} in 10 minutes: this looks like ${what}, so they all share one address ` +
      `for rate limits and address bans. If ${address} is your proxy, set TRUSTED_PROXIES=${address} (or its subnet) for web and realtime.`,
    at: new Date().toISOString(),
  };
}

/** The warning stored by any realtime node in the last window, if any. */
export async function readAddressWarning(redis: Redis, prefix: string): Promise<AddressWarning | null> {
  const raw = await redis.get(warningKey(prefix));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as AddressWarning;
  } catch {
    return null;
  }
}
