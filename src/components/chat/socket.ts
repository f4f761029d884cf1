'use client';

import type { Socket } from 'socket.io-client';

/** A socket typed with one namespace's event maps (realtime/events.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TypedSocket = Socket<any, any>;

export type AckResult<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** Emits with an ack; a lost connection or a slow server becomes an error result instead of a hang. */
export async function request<T extends object>(socket: Socket | TypedSocket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<AckResult<T>> {
  try {
    return (await (socket as Socket).timeout(timeoutMs).emitWithAck(event, payload ?? {})) as AckResult<T>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'No answer from the server. Check your connection and try again.' } };
  }
}

/**
 * Reconnection of the visitor socket (reconnect storms, issue 22): exponential backoff from 1 s up to 10 s
 * with full jitter (socket.io's randomizationFactor 1 spreads each delay over [0, 2×], at most 10 s), so 10,000 widgets
 * whose node died do not all knock again at the same instant.
 */
export const VISITOR_RECONNECTION = { reconnectionDelay: 1_000, reconnectionDelayMax: 10_000, randomizationFactor: 1 } as const;

/**
 * When to try a refused handshake again (`rate_limited` carries the server's `retryAfterSeconds`; a
 * server error has none): at least what the server asked, plus jitter growing with the attempts, capped.
 */
export function handshakeRetryMs(attempt: number, retryAfterSeconds?: number, random = Math.random): number {
  const backoff = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
  const base = retryAfterSeconds ? retryAfterSeconds * 1_000 : backoff / 2;
  return Math.round(base + random() * Math.min(backoff, 10_000));
}

export function newClientMsgId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Answers that mean "not stored, try again" (never an error of the message itself). */
const RETRYABLE = new Set(['timeout', 'unavailable']);
const MAX_SEND_ATTEMPTS = 8;

function connectedAgain(socket: Socket, timeoutMs: number): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('connect', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('connect', done);
  });
}

/**
 * `message.send` that survives a reconnect or a server-side outage: while the answer is `timeout` or
 * `unavailable` it waits for the connection and resends with the SAME clientMsgId (the server stores a
 * clientMsgId once), with backoff, telling the UI through `onRetrying`. Other errors return at once.
 */
export async function sendMessage<T extends object>(
  socket: Socket,
  payload: { conversationId: string; clientMsgId: string; body: string },
  onRetrying?: (note: string) => void,
): Promise<AckResult<T>> {
  for (let attempt = 1; ; attempt++) {
    if (!socket.connected) {
      onRetrying?.('Not sent yet: reconnecting…');
      await connectedAgain(socket, 30_000);
    }
    const result = await request<T>(socket, 'message.send', payload, 8_000);
    if (result.ok || !RETRYABLE.has(result.error.code) || attempt >= MAX_SEND_ATTEMPTS) return result;
    onRetrying?.('Not sent yet: retrying…');
    await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** (attempt - 1), 8_000)));
  }
}
