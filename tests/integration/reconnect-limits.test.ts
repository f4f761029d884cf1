import type { Socket } from 'socket.io-client';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, type TestWorkspace } from '../helpers/chat';

/**
 * Issue 22 item 8: after a realtime node crash every visitor reconnects at once. The per-widget-key
 * handshake limit counts NEW visitors only (a valid token of the workspace is a returning visitor), and each
 * node admits handshakes at its own pace, telling the others when to retry. All visitors come from
 * 127.0.0.1 here, so the per-IP limit is lifted.
 */
const h = new ChatHarness();
const sockets: Socket[] = [];
beforeAll(() => h.setup());
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await h.teardown();
});

type Outcome = { ok: true; token: string; visitorId: string } | { ok: false; message: string; data: { retryAfterSeconds?: number } | undefined };
function handshake(node: RealtimeServer, widgetKey: string, token?: string): Promise<Outcome> {
  const socket = connect(`http://127.0.0.1:${node.port}/visitor`, { transports: ['websocket'], auth: { widgetKey, token }, forceNew: true, reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('session', (s: { token: string; visitorId: string }) => resolve({ ok: true, token: s.token, visitorId: s.visitorId }));
    socket.once('connect_error', (err: Error & { data?: { retryAfterSeconds?: number } }) => resolve({ ok: false, message: err.message, data: err.data }));
  });
}

describe('reconnects are not throttled as new visitors', () => {
  let nodeA: RealtimeServer;
  let nodeB: RealtimeServer;
  let ws: TestWorkspace;
  beforeAll(async () => {
    nodeA = await h.startNode({ rateLimits: { visitorHandshakesPerKeyPerMinute: 3 } });
    nodeB = await h.startNode({ rateLimits: { visitorHandshakesPerKeyPerMinute: 3 } });
    ws = await h.createWorkspace(0);
  });

  it('once the per-key new-visitor limit is used up, a visitor with a valid token still reconnects (any node, repeatedly)', async () => {
    const first: Outcome[] = [];
    for (const node of [nodeA, nodeB, nodeA]) first.push(await handshake(node, ws.widgetKey));
    expect(first.every((o) => o.ok)).toBe(true);
    const refused = await handshake(nodeB, ws.widgetKey);
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^rate_limited: This chat is very busy/), data: { retryAfterSeconds: expect.any(Number) } });

    // The three visitors come back (as after a node crash), several times, on both nodes: same identities.
    for (let round = 0; round < 3; round++) {
      for (const [i, visitor] of first.entries()) {
        if (!visitor.ok) throw new Error('unreachable');
        const back = await handshake(round % 2 ? nodeA : nodeB, ws.widgetKey, visitor.token);
        expect(back).toMatchObject({ ok: true, visitorId: visitor.visitorId });
        first[i] = back;
      }
    }
    // Still no room for a new visitor, and a token that is not valid for this workspace counts as new.
    expect((await handshake(nodeA, ws.widgetKey)).ok).toBe(false);
    const other = await h.createWorkspace(0);
    const foreign = await handshake(nodeA, other.widgetKey);
    expect(foreign.ok).toBe(true);
    if (!foreign.ok) return;
    expect(await handshake(nodeA, ws.widgetKey, foreign.token)).toMatchObject({ ok: false, message: expect.stringMatching(/^rate_limited/) });
    expect(await handshake(nodeA, ws.widgetKey, 'not-a-token')).toMatchObject({ ok: false, message: expect.stringMatching(/^rate_limited/) });
  });
});

describe('per-node admission rate', () => {
  it('admits a burst at the node’s pace; the others are told when to retry and all get in', async () => {
    const node = await h.startNode({ rateLimits: { visitorAdmissionsPerSecondPerNode: 5 } });
    const ws = await h.createWorkspace(0);
    const burst = await Promise.all(Array.from({ length: 20 }, () => handshake(node, ws.widgetKey)));
    const admitted = burst.filter((o) => o.ok).length;
    expect(admitted).toBeGreaterThanOrEqual(5);
    expect(admitted).toBeLessThan(20);
    const delays: number[] = [];
    for (const o of burst) {
      if (o.ok) continue;
      expect(o.message).toMatch(/^rate_limited: /);
      const seconds = o.data?.retryAfterSeconds ?? 0;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(30);
      delays.push(seconds);
    }
    // The delays are spread, not one moment for everyone.
    expect(new Set(delays).size).toBeGreaterThan(1);

    // Each refused visitor retries when told (as the widget does): every one gets in.
    const retry = async (seconds: number): Promise<number> => {
      for (let attempts = 1; ; attempts++) {
        await new Promise((r) => setTimeout(r, seconds * 1000));
        const o = await handshake(node, ws.widgetKey);
        if (o.ok) return attempts;
        seconds = o.data?.retryAfterSeconds ?? 1;
      }
    };
    const attempts = await Promise.all(delays.map(retry));
    expect(attempts).toHaveLength(20 - admitted);
  }, 60_000);
});
