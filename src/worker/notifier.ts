import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { ChatNotifier } from '../domain/chat/notifier';

/** ChatNotifier for processes without sockets (worker, web): publishes through the Socket.IO Redis adapter. */
export function emitterNotifier(redis: Redis, adapterKey: string): ChatNotifier {
  const emitter = new Emitter(redis, { key: adapterKey });
  const visitors = emitter.of('/visitor');
  const agents = emitter.of('/agent');
  const monitors = emitter.of('/monitor');
  return {
    toVisitor: (visitorId, event, payload) => void visitors.to(`visitor:${visitorId}`).emit(event, payload),
    toAgent: (agentId, event, payload) => void agents.to(`agent:${agentId}`).emit(event, payload),
    toConversation(conversationId, event, payload) {
      visitors.to(`conv:${conversationId}`).emit(event, payload);
      agents.to(`conv:${conversationId}`).emit(event, payload);
      monitors.to(`conv:${conversationId}`).emit(event, payload);
    },
    joinAgent: (agentId, conversationId) => agents.in(`agent:${agentId}`).socketsJoin(`conv:${conversationId}`),
    leaveAgent: (agentId, conversationId) => agents.in(`agent:${agentId}`).socketsLeave(`conv:${conversationId}`),
    // Every namespace a staff account can hold a socket in (account changes cut them all, on every node).
    disconnectAgent(agentId) {
      agents.in(`agent:${agentId}`).disconnectSockets(true);
      monitors.in(`agent:${agentId}`).disconnectSockets(true);
    },
    toStaff: (workspaceId, event, payload) => void agents.to(`staff:${workspaceId}`).emit(event, payload),
    toMonitor: (workspaceId, event, payload) => void monitors.to(`monitor:${workspaceId}`).emit(event, payload),
    toStaffConversation(conversationId, event, payload) {
      agents.to(`conv:${conversationId}`).emit(event, payload);
      monitors.to(`conv:${conversationId}`).emit(event, payload);
    },
  };
}
