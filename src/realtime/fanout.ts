import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Namespace } from 'socket.io';
import { rooms } from '../infra/rooms';


export interface ConversationFanout {
  /** Emits to the conversation's room in every namespace (visitor, agent, monitor), on every node. */
  emit(conversationId: string, event: string, payload: unknown): void;
  close(): Promise<void>;
}

/**
 * One cross-node publish per conversation event instead of one per namespace. Through the Redis adapter a
 * chat message costs three PUBLISHes (visitor, agent and monitor namespaces), each encoded, and received
 * and decoded again by every node, the sender included. Here the local sockets get it at once
 * (`.local`), and a single message `<origin>|<json>` goes to the other nodes, which skip their own by the
 * origin prefix without parsing it.
 *
 * It uses the adapter's own pub and sub connections, so on a receiving node conversation events keep
 * their order relative to everything else the adapter delivers (one connection, publish order).
 */
export async function createConversationFanout(pub: Redis, sub: Redis, channel: string, namespaces: Namespace[]): Promise<ConversationFanout> {
  const origin = randomBytes(6).toString('hex');
  const prefix = `${origin}|`;
  const emitLocal = (conversationId: string, event: string, payload: unknown) => {
    for (const ns of namespaces) ns.local.to(rooms.conversation(conversationId)).emit(event, payload);
  };
  const onMessage = (from: Buffer, raw: Buffer) => {
    if (from.toString() !== channel) return;
    const text = raw.toString();
    if (text.startsWith(prefix)) return;
    try {
      const { c, e, p } = JSON.parse(text.slice(text.indexOf('|') + 1)) as { c: string; e: string; p: unknown };
      emitLocal(c, e, p);
    } catch {
      /* not ours: ignore */
    }
  };
  sub.on('messageBuffer', onMessage);
  await sub.subscribe(channel);
  return {
    emit(conversationId, event, payload) {
      emitLocal(conversationId, event, payload);
      void pub.publish(channel, prefix + JSON.stringify({ c: conversationId, e: event, p: payload })).catch(() => {});
    },
    async close() {
      sub.off('messageBuffer', onMessage);
    },
  };
}
