import { describe, expect, it } from 'vitest';
import { handshakeRetryMs, VISITOR_RECONNECTION } from '../../src/components/chat/socket';

describe('visitor socket reconnection (reconnect storms)', () => {
  it('backs off exponentially up to 10 s with full jitter', () => {
    expect(VISITOR_RECONNECTION).toEqual({ reconnectionDelay: 1_000, reconnectionDelayMax: 10_000, randomizationFactor: 1 });
  });

  it('retries a refused handshake no sooner than the server asked, spread by jitter that grows with the attempts', () => {
    expect(handshakeRetryMs(0, 3, () => 0)).toBe(3_000);
    expect(handshakeRetryMs(0, 3, () => 0.999)).toBeGreaterThan(3_900);
    expect(handshakeRetryMs(4, 3, () => 0.999)).toBeGreaterThan(12_900);
    // Without a server hint (an internal error): half the backoff plus jitter, never above 40 s.
    expect(handshakeRetryMs(0, undefined, () => 0)).toBe(500);
    expect(handshakeRetryMs(20, undefined, () => 0.999)).toBeLessThanOrEqual(40_000);
    const spread = new Set(Array.from({ length: 50 }, () => handshakeRetryMs(2, 2)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
