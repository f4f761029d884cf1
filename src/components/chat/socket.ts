'use client';

import type { Socket } from 'socket.io-client';
import type { AckResult } from '../../realtime/contract';
import type { MessageDto } from '../../domain/conversations/types';
import type { AgentClientToServer, AgentServerToClient, MonitorClientToServer, MonitorServerToClient, VisitorClientToServer, VisitorServerToClient } from '../../realtime/events';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
export type MonitorSocket = Socket<MonitorServerToClient, MonitorClientToServer>;

export type { AckResult };

/**
 * Payload and ack result of `event` on a socket typed with its namespace's event maps (realtime/events.ts,
 * derived from the contract in realtime/contract.ts): an unknown event, a wrong payload or reading a result
 * as the wrong type is a compile error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EmitsOf<S> = S extends Socket<any, infer Emit> ? Emit : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => void;
export type RequestPayload<S, E extends keyof EmitsOf<S>> = EmitsOf<S>[E] extends (payload: infer P, ack: Fn) => void ? P : never;
export type RequestResult<S, E extends keyof EmitsOf<S>> = EmitsOf<S>[E] extends (payload: never, ack: (response: infer R) => void) => void ? R : never;
/** Events whose payload may be left out (every field optional, e.g. `{}`). */
type OptionalPayload<S, E extends keyof EmitsOf<S>> = {} extends RequestPayload<S, E> ? [payload?: RequestPayload<S, E>, timeoutMs?: number] : [payload: RequestPayload<S, E>, timeoutMs?: number];

/** Emits with an ack; a lost connection or a slow server becomes an error result instead of a hang. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function request<S extends Socket<any, any>, E extends keyof EmitsOf<S> & string>(socket: S, event: E, ...[payload, timeoutMs = 10_000]: OptionalPayload<S, E>): Promise<RequestResult<S, E>> {
  try {
    return (await (socket as Socket).timeout(timeoutMs).emitWithAck(event, payload ?? {})) as RequestResult<S, E>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'No answer from the server. Check your connection and try again.' } } as RequestResult<S, E>;
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
export async function sendMessage(
  socket: VisitorSocket | AgentSocket,
  payload: { conversationId: string; clientMsgId: string; body: string; attachmentIds?: string[] },
  onRetrying?: (note: string) => void,
): Promise<AckResult<{ message: MessageDto }>> {
  for (let attempt = 1; ; attempt++) {
    if (!socket.connected) {
      onRetrying?.('Not sent yet: reconnecting…');
      await connectedAgain(socket, 30_000);
    }
    // Both namespaces answer `message.send` with the same result (realtime/contract.ts).
    const result = await request(socket as VisitorSocket, 'message.send', payload, 8_000);
    if (result.ok || !RETRYABLE.has(result.error.code) || attempt >= MAX_SEND_ATTEMPTS) return result;
    onRetrying?.('Not sent yet: retrying…');
    await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** (attempt - 1), 8_000)));
  }
}
