import type { Socket as ServerSocket } from 'socket.io';
import type { Socket } from 'socket.io-client';
import type { RealtimeServer } from '../../src/realtime/server';

const RESERVED = new Set(['disconnect', 'disconnecting', 'error']);

/** The client -> server events the server registered for `client` (whatever feature added them). */
export function registeredEvents(node: RealtimeServer, namespace: string, client: Socket): string[] {
  const server = node.io.of(namespace).sockets.get(client.id!) as ServerSocket | undefined;
  if (!server) throw new Error(`${namespace} socket ${client.id} is not on this node`);
  return server.eventNames().map(String).filter((e) => !RESERVED.has(e));
}
