import { describe, expect, it } from 'vitest';
import { handshakeRefusal } from '../../src/components/chat/visitor/refusals';

describe('handshakeRefusal (what the widget does with a refused handshake)', () => {
  it('retries a busy node or a passing error, asks nothing of a refused identity, starts over after a revoked token', () => {
    expect(handshakeRefusal('rate_limited: too many handshakes', true)).toBe('retry');
    expect(handshakeRefusal('internal: try again', false)).toBe('retry');
    expect(handshakeRefusal('identity_unverified: partnerid_hash', false)).toBe('unverified');
    expect(handshakeRefusal('unauthorized: visitor token revoked', true)).toBe('revoked');
    // Without a token held there is nothing to drop: a plain refusal.
    expect(handshakeRefusal('unauthorized: visitor token revoked', false)).toBe('refused');
    expect(handshakeRefusal('forbidden: this website may not use the chat', false)).toBe('refused');
    expect(handshakeRefusal('bad_request: widgetKey is required', false)).toBe('refused');
    expect(handshakeRefusal('xhr poll error', true)).toBe('other');
  });
});
