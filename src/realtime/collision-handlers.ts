import type { Socket } from 'socket.io';
import type { CollisionPresence, ConversationViewer } from '../domain/collision/presence';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { RealtimeContext } from './context';
import { onAgent, onMonitor } from './handler';
import type { CollisionState } from './protocol-f17';
import type { StaffData } from './staff-auth';

/** The room of the staff sockets looking at one conversation (per namespace, across nodes by the adapter). */
export const collisionRoom = (conversationId: string) => `collision:${conversationId}`;

/**
 * Collision guard (F17) on a staff socket (/agent or /monitor): `collision.update` records the socket's
 * activity in Redis (CollisionPresence) and broadcasts the conversation's viewers to every staff socket
 * looking at it, in both staff namespaces. A disconnect clears the socket's entries at once; a dead node's
 * entries fade with their TTL. `canView` decides who may look (own chats for agents, any for supervisors).
 */
export function registerCollision(socket: Socket, namespace: 'agent' | 'monitor', ctx: RealtimeContext, presence: CollisionPresence, canView: (conversationId: string) => Promise<boolean>): void {
  const { workspaceId, actor } = socket.data as StaffData;
  const watching = new Set<string>();
  const broadcast = (conversationId: string, viewers: ConversationViewer[]) => {
    const state: CollisionState = { conversationId, viewers };
    for (const ns of [ctx.agentNs, ctx.monitorNs]) (ns.to(collisionRoom(conversationId)) as unknown as { emit: (e: string, p: unknown) => void }).emit('collision', state);
  };

  const update = async ({ conversationId, activity }: { conversationId: string; activity: 'viewing' | 'replying' | 'noting' | 'left' }) => {
    if (activity === 'left') {
      watching.delete(conversationId);
      socket.leave(collisionRoom(conversationId));
      broadcast(conversationId, await presence.leave(workspaceId, conversationId, socket.id));
      return { viewers: [] };
    }
    if (!watching.has(conversationId) && !(await canView(conversationId))) throw new AppError('forbidden', 'Not your conversation');
    const before = watching.has(conversationId) ? await presence.list(workspaceId, conversationId) : null;
    watching.add(conversationId);
    socket.join(collisionRoom(conversationId));
    const viewers = await presence.set(workspaceId, conversationId, socket.id, { userId: actor.id, name: actor.name, activity });
    // A refresh that changes nothing is not broadcast (every open chat refreshes twice a minute).
    if (!before || JSON.stringify(before) !== JSON.stringify(viewers)) broadcast(conversationId, viewers);
    return { viewers };
  };
  if (namespace === 'agent') onAgent(socket, 'collision.update', update);
  else onMonitor(socket, 'collision.update', update);

  socket.on('disconnect', async () => {
    for (const conversationId of watching) {
      try {
        broadcast(conversationId, await presence.leave(workspaceId, conversationId, socket.id));
      } catch (error) {
        logger.warn({ err: error }, 'collision presence cleanup failed');
      }
    }
  });
}
