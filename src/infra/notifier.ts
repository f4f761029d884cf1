import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { ChatNotifier } from '../domain/chat/notifier';
import { NAMESPACES, rooms } from './rooms';

/** The part of a room selection both Socket.IO's `Server` and the Redis `Emitter` offer. */
interface RoomTarget {
  emit(event: string, ...args: never[]): unknown;
  socketsJoin(room: string): void;
  socketsLeave(room: string): void;
  disconnectSockets(close?: boolean): void;
}

/** `.of(ns).to(room).emit()`: the surface shared by `Server` (realtime) and `Emitter` (web, worker). */
export interface EmitSurface {
  of(namespace: string): { to(room: string): RoomTarget; in(room: string): RoomTarget };
}

export interface NotifierOptions {
  /** Replaces the default per-namespace emit of conversation events (realtime: one cross-node publish, realtime/fanout.ts). */
  toConversation?: (conversationId: string, event: string, payload: unknown) => void;
  /** False once the process is closing: throttled dashboard updates may fire from timers after that. */
  isOpen?: () => boolean;
}

/** The one ChatNotifier: which namespace and room each kind of event goes to, over either emit surface. */
export function roomNotifier(surface: EmitSurface, options: NotifierOptions = {}): ChatNotifier {
  const visitors = surface.of(NAMESPACES.visitor);
  const agents = surface.of(NAMESPACES.agent);
  const monitors = surface.of(NAMESPACES.monitor);
  const emit = (target: RoomTarget, event: string, payload: unknown) => void (target.emit as (e: string, p: unknown) => unknown)(event, payload);
  const isOpen = options.isOpen ?? (() => true);
  return {
    toVisitor: (visitorId, event, payload) => emit(visitors.to(rooms.visitor(visitorId)), event, payload),
    toAgent: (agentId, event, payload) => emit(agents.to(rooms.staffUser(agentId)), event, payload),
    toConversation(conversationId, event, payload) {
      if (options.toConversation) return options.toConversation(conversationId, event, payload);
      for (const ns of [visitors, agents, monitors]) emit(ns.to(rooms.conversation(conversationId)), event, payload);
    },
    joinAgent: (agentId, conversationId) => agents.in(rooms.staffUser(agentId)).socketsJoin(rooms.conversation(conversationId)),
    leaveAgent: (agentId, conversationId) => agents.in(rooms.staffUser(agentId)).socketsLeave(rooms.conversation(conversationId)),
    joinVisitor: (visitorId, conversationId) => visitors.in(rooms.visitor(visitorId)).socketsJoin(rooms.conversation(conversationId)),
    // Every namespace a staff account can hold a socket in (account changes cut them all, on every node).
    disconnectAgent(agentId) {
      agents.in(rooms.staffUser(agentId)).disconnectSockets(true);
      monitors.in(rooms.staffUser(agentId)).disconnectSockets(true);
    },
    toStaff: (workspaceId, event, payload) => emit(agents.to(rooms.staff(workspaceId)), event, payload),
    toMonitor: (workspaceId, event, payload) => void (isOpen() && emit(monitors.to(rooms.monitor(workspaceId)), event, payload)),
    // Staff-only conversation events (notes, whispers, tags): never the visitor's namespace.
    toStaffConversation(conversationId, event, payload) {
      emit(agents.to(rooms.conversation(conversationId)), event, payload);
      emit(monitors.to(rooms.conversation(conversationId)), event, payload);
    },
  };
}

/** ChatNotifier for processes without sockets (worker, web): publishes through the Socket.IO Redis adapter. */
export function emitterNotifier(redis: Redis, adapterKey: string): ChatNotifier {
  return roomNotifier(new Emitter(redis, { key: adapterKey }));
}
