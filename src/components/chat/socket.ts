'use client';

import type { Socket } from 'socket.io-client';

export type AckResult<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** Emits with an ack; a lost connection or a slow server becomes an error result instead of a hang. */
export async function request<T extends object>(socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<AckResult<T>> {
  try {
    return (await socket.timeout(timeoutMs).emitWithAck(event, payload ?? {})) as AckResult<T>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'No answer from the server. Check your connection and try again.' } };
  }
}

export function newClientMsgId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
