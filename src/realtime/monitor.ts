import type { Namespace, Socket } from 'socket.io';
import type { Db } from '../db/client';
import { targetExists, transferDirectory } from '../domain/accounts/routing-profile';
import type { Role } from '../db/schema';
import type { ChatNotifier } from '../domain/chat/notifier';
import type { ChatService } from '../domain/chat/service';
import type { ConversationService } from '../domain/conversations/service';
import type { MonitoringService } from '../domain/monitoring/service';
import type { RoutingEngine } from '../domain/routing/engine';
import { AppError } from '../lib/errors';
import { on } from './handler';
import type { TagService } from '../domain/tags/service';
import { ConversationRef, Empty, MonitorEnd, Transfer, WhisperSend } from './protocol';
import { guardStaffEvents, staffHandshake, staffUserRoom, type StaffData } from './staff-auth';

export const monitorRoom = (workspaceId: string) => `monitor:${workspaceId}`;
const convRoom = (id: string) => `conv:${id}`;

const MONITOR_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'supervisor']);

/**
 * Adds live monitoring to a notifier: conversation events also reach the supervisors watching that
 * conversation (`conv:<id>` in /monitor), dashboard deltas go to `monitor:<workspaceId>`, and whispers
 * go to staff sockets only. Every emit goes through the Redis adapter, so all nodes see it.
 */
export function monitoringNotifier(inner: ChatNotifier, monitorNs: Namespace, agentNs: Namespace): ChatNotifier {
  return {
    ...inner,
    toConversation(conversationId, event, payload) {
      inner.toConversation(conversationId, event, payload);
      monitorNs.to(convRoom(conversationId)).emit(event, payload);
    },
    // An account change cuts the account's sockets in every namespace (on every node, via the adapter).
    disconnectAgent(agentId) {
      inner.disconnectAgent(agentId);
      monitorNs.in(staffUserRoom(agentId)).disconnectSockets(true);
    },
    toMonitor: (workspaceId, event, payload) => void monitorNs.to(monitorRoom(workspaceId)).emit(event, payload),
    toStaffConversation(conversationId, event, payload) {
      agentNs.to(convRoom(conversationId)).emit(event, payload);
      monitorNs.to(convRoom(conversationId)).emit(event, payload);
    },
  };
}

interface MonitorDeps {
  db: Db;
  chat: ChatService;
  conversations: ConversationService;
  monitoring: MonitoringService;
  routing: RoutingEngine;
  notifier: ChatNotifier;
  authSecret: string;
  tags: TagService;
}

/**
 * The /monitor namespace (F7): supervisors and admins only. On connect the socket joins its workspace's
 * `monitor:<id>` room; `monitor.snapshot` returns the current state, and deltas follow as events.
 */
export function attachMonitorNamespace(monitorNs: Namespace, deps: MonitorDeps): void {
  const { db, chat, conversations, monitoring, routing, notifier } = deps;

  monitorNs.use(staffHandshake(db, deps.authSecret, { allowed: MONITOR_ROLES, refusal: 'forbidden: chat monitoring is for supervisors and admins' }));

  monitorNs.on('connection', (socket: Socket) => {
    const { workspaceId, actor } = socket.data as StaffData;
    // Every monitoring action is privileged: checked against the account's current role and session first.
    guardStaffEvents(socket, db, { roles: MONITOR_ROLES });
    socket.join([monitorRoom(workspaceId), staffUserRoom(actor.id)]);

    const requireConversation = async (conversationId: string) => {
      const conversation = await conversations.get(workspaceId, conversationId);
      if (!conversation) throw new AppError('not_found', 'Conversation not found');
      return conversation;
    };

    on(socket, 'monitor.snapshot', Empty, async () => {
      const snapshot = await monitoring.snapshot(workspaceId);
      // Tags per conversation and the workspace's tags, for the dashboard's tag filter (issue 15).
      const [tagMap, tagList] = await Promise.all([deps.tags.forConversations(workspaceId, snapshot.conversations.map((c) => c.id)), deps.tags.list(workspaceId)]);
      return { snapshot, tags: tagList, conversationTags: Object.fromEntries(tagMap) };
    });
    on(socket, 'monitor.watch', ConversationRef, async ({ conversationId }) => {
      const conversation = await requireConversation(conversationId);
      // Join first, then read: nothing sent in between is lost (clients de-duplicate by id).
      await socket.join(convRoom(conversationId));
      const [messages, whispers, alerts] = await Promise.all([
        conversations.history(workspaceId, conversationId),
        monitoring.whispers(workspaceId, conversationId),
        monitoring.recentAlerts(workspaceId, conversationId),
      ]);
      return { conversation, messages, whispers, alerts };
    });
    on(socket, 'monitor.unwatch', ConversationRef, async ({ conversationId }) => {
      await socket.leave(convRoom(conversationId));
      return {};
    });
    on(socket, 'whisper.send', WhisperSend, async ({ conversationId, body }) => {
      await requireConversation(conversationId);
      const whisper = await monitoring.whisper(workspaceId, conversationId, actor, body);
      // `note` for clients that show all notes; `whisper` kept for older clients (same id, de-duplicated).
      notifier.toStaffConversation?.(conversationId, 'note', whisper);
      notifier.toStaffConversation?.(conversationId, 'whisper', whisper);
      return { whisper };
    });
    on(socket, 'transfer.targets', Empty, async () => {
      const [directory, agents] = await Promise.all([transferDirectory(db, workspaceId), routing.snapshot(workspaceId)]);
      const presence = new Map(agents.map((a) => [a.id, a]));
      return {
        agents: directory.staff.map((s) => ({ ...s, status: presence.get(s.id)?.status ?? 'offline', load: presence.get(s.id)?.load ?? 0, limit: presence.get(s.id)?.limit ?? 0 })),
        groups: directory.groups,
      };
    });
    on(socket, 'chat.transfer', Transfer, async (input) => {
      const conversation = await requireConversation(input.conversationId);
      if (conversation.status !== 'active' || !conversation.agentId) throw new AppError('invalid_state', 'Only a chat with an agent can be transferred');
      const to = { type: input.to.type, id: input.to.id } as const;
      if (!(await targetExists(db, workspaceId, to))) throw new AppError('not_found', `Unknown ${to.type}`);
      return { conversation: await chat.transfer(workspaceId, input.conversationId, conversation.agentId, to) };
    });
    on(socket, 'chat.end', MonitorEnd, async ({ conversationId }) => {
      await requireConversation(conversationId);
      return { conversation: await chat.endConversation(workspaceId, conversationId, 'supervisor') };
    });
  });
}
