import type { Redis } from 'ioredis';
import { ADDRESS_WATCH_WINDOW_SECONDS } from '../lib/address-watch';
import { logger } from '../lib/logger';
import type { RateLimits } from '../lib/rate-limits';
import { rateLimited } from './limits';

/**
 * The visitor handshake's Redis work in ONE round trip (issue 27): the per-IP limit, the per-widget-key
 * limit of new visitors, the visitor's presence (socket -> node), the untrusted-proxy watch (distinct
 * visitors per address) and the pending leave-a-message offer. Before, that was up to 12 commands in 5
 * round trips (two rate-limit scripts, `MULTI/HSET/EXPIRE/EXEC`, `MULTI/PFADD/EXPIRE/PFCOUNT/EXEC`, `GET`).
 *
 * The limits count exactly as `RateLimits.hit` does (rate-limiter-flexible's fixed window: same keys, same
 * `SET NX EX` + `INCRBY`), so HTTP and socket code share the counts. A refused handshake writes nothing
 * else: no presence, no sighting. The keys are not in one hash slot (single Redis, not Cluster; as the
 * rate limiter and the adapter already assume).
 */
const HANDSHAKE_SCRIPT = `
local function hit(key, points, duration)
  redis.call('set', key, 0, 'EX', duration, 'NX')
  local consumed = redis.call('incrby', key, 1)
  local ttl = redis.call('pttl', key)
  if ttl == -1 then
    redis.call('expire', key, duration)
    ttl = 1000 * duration
  end
  return consumed, ttl
end
local ipConsumed, ipTtl = hit(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
if ipConsumed > tonumber(ARGV[1]) then return {1, ipTtl, 0, false} end
if ARGV[3] == '1' then
  local keyConsumed, keyTtl = hit(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]))
  if keyConsumed > tonumber(ARGV[4]) then return {2, keyTtl, 0, false} end
end
redis.call('hset', KEYS[3], ARGV[6], ARGV[7])
redis.call('expire', KEYS[3], tonumber(ARGV[8]))
local sightings = 0
if ARGV[9] == '1' then
  redis.call('pfadd', KEYS[4], ARGV[10])
  redis.call('expire', KEYS[4], tonumber(ARGV[11]))
  sightings = redis.call('pfcount', KEYS[4])
end
local offer = false
if ARGV[12] == '1' then offer = redis.call('get', KEYS[5]) end
return {0, 0, sightings, offer}
`;

interface HandshakeCommand {
  lcVisitorHandshake(...args: (string | number)[]): Promise<[number, number, number, string | null]>;
}

type Window = ReturnType<RateLimits['window']>;
/** Fills the key slots a handshake does not use (never read or written by the script). */
const UNUSED_KEY = 'lc:handshake:unused';

export interface HandshakeInput {
  ip: { window: Window; key: string };
  /** Counted only for a new visitor (a valid token of the workspace is a returning visitor). */
  newVisitorOfKey: { window: Window; key: string } | null;
  presence: { key: string; socketId: string; nodeId: string; ttlSeconds: number };
  /** The untrusted-proxy watch's key for this address, or null when not watched. */
  sighting: { key: string; visitorId: string } | null;
  /** The pending offer's key (returning visitors; a new one has none). */
  offerKey: string | null;
}

export type HandshakeOutcome =
  | { admitted: false; refusal: Error }
  | { admitted: true; presence: boolean; sightings: number; offer: string | null };

export function handshakeRoundTrip(redis: Redis): (input: HandshakeInput) => Promise<HandshakeOutcome> {
  if (!('lcVisitorHandshake' in redis)) redis.defineCommand('lcVisitorHandshake', { numberOfKeys: 5, lua: HANDSHAKE_SCRIPT });
  const r = redis as Redis & HandshakeCommand;
  return async (input) => {
    const { ip, newVisitorOfKey: perKey, presence, sighting, offerKey } = input;
    try {
      const [refusedBy, ttl, sightings, offer] = await r.lcVisitorHandshake(
        ip.window.key(ip.key),
        perKey ? perKey.window.key(perKey.key) : UNUSED_KEY,
        presence.key,
        sighting?.key ?? UNUSED_KEY,
        offerKey ?? UNUSED_KEY,
        ip.window.points,
        ip.window.duration,
        perKey ? '1' : '0',
        perKey?.window.points ?? 0,
        perKey?.window.duration ?? 0,
        presence.socketId,
        presence.nodeId,
        presence.ttlSeconds,
        sighting ? '1' : '0',
        sighting?.visitorId ?? '',
        ADDRESS_WATCH_WINDOW_SECONDS * 2,
        offerKey ? '1' : '0',
      );
      if (refusedBy) {
        const refused = (refusedBy === 1 ? ip : perKey!).window.refusal(ttl);
        return { admitted: false, refusal: rateLimited(refused.message, refused.retryAfterSeconds ?? 1) };
      }
      return { admitted: true, presence: true, sightings: Number(sightings), offer: offer ?? null };
    } catch (error) {
      // Fail open, as the limits always did: Redis down must not keep visitors out. Presence is then missing
      // (offline messages by email may go out while the visitor is here; rebuilt by recovery when Redis is back).
      logger.warn({ err: error }, 'visitor handshake round trip failed; admitted without limits or presence');
      return { admitted: true, presence: false, sightings: 0, offer: null };
    }
  };
}
