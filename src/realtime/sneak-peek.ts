import type { Socket } from 'socket.io';
import { PreviewThrottle, SNEAK_PEEK_PER_SECOND } from '../domain/sneakpeek/throttle';
import { rooms } from '../infra/rooms';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { RealtimeContext } from './context';
import { onVisitor } from './handler';
import type { TypingPreviewEvent } from './protocol-f17';

/**
 * Sneak peek (F17). With the workspace's `privacy.sneakPeek` on, what the visitor types reaches the
 * agent assigned to the chat (their /agent sockets) and supervisors watching it (/monitor room), at most
 * 4 updates a second per visitor socket. It goes straight from socket to socket: no database, no domain
 * event, no outbox, no webhook. Off (the default), previews are dropped here.
 */
export function registerSneakPeek(socket: Socket, ctx: RealtimeContext, workspaceId: string): void {
  const { app } = ctx;
  const throttles = new Map<string, PreviewThrottle>();
  const deliver = async (conversationId: string, text: string) => {
    const agentId = await app.redis.hget(app.routing.keys(workspaceId).assignment, conversationId);
    const event: TypingPreviewEvent = { conversationId, text };
    if (agentId) (ctx.agentNs.to(rooms.staffUser(agentId)) as unknown as { emit: (e: string, p: unknown) => void }).emit('typing.preview', event);
    (ctx.monitorNs.to(rooms.conversation(conversationId)) as unknown as { emit: (e: string, p: unknown) => void }).emit('typing.preview', event);
  };

  onVisitor(socket, 'typing.preview', async ({ conversationId, text }) => {
    if (!socket.rooms.has(rooms.conversation(conversationId))) throw new AppError('forbidden', 'Not your conversation');
    // Off: accepted and dropped (the widget only sends when its config says it is on; a stale widget is harmless).
    if (!(await app.settings.value(workspaceId, 'privacy')).sneakPeek) return { delivered: false };
    let throttle = throttles.get(conversationId);
    if (!throttle) {
      throttle = new PreviewThrottle(1000 / SNEAK_PEEK_PER_SECOND, (t) => void deliver(conversationId, t).catch((error) => logger.warn({ err: error }, 'sneak peek delivery failed')));
      throttles.set(conversationId, throttle);
    }
    throttle.push(text);
    return { delivered: true };
  });

  // A visitor who leaves mid-sentence leaves nothing on the agent's screen.
  socket.on('disconnect', () => {
    for (const [conversationId, throttle] of throttles) {
      throttle.dispose();
      void deliver(conversationId, '').catch(() => {});
    }
    throttles.clear();
  });
}
