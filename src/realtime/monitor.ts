import type { Role } from '../db/schema';
import { rooms } from '../infra/rooms';
import { AppError } from '../lib/errors';
import { registerCollision } from './collision-handlers';
import type { RealtimeContext } from './context';
import { onMonitor } from './handler';
import { guardStaffEvents, staffHandshake, type StaffData } from './staff-auth';

const MONITOR_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'supervisor']);

/**
 * The /monitor namespace (F7): supervisors and admins only. On connect the socket joins its workspace's
 * `monitor:<id>` room; `monitor.snapshot` returns the current state, and deltas follow as events.
 */
export function registerMonitorNamespace(ctx: RealtimeContext): void {
  const { monitorNs, app } = ctx;
  const { db, chat, conversations, monitoring, notifier, tools } = app;

  monitorNs.use(staffHandshake(db, ctx.authSecret, { allowed: MONITOR_ROLES, refusal: 'forbidden: chat monitoring is for supervisors and admins' }));

  monitorNs.on('connection', (socket) => {
    const { workspaceId, actor } = socket.data as StaffData;
    // Every monitoring action is privileged: checked against the account's current role and session first.
    guardStaffEvents(socket, db, { roles: MONITOR_ROLES });
    socket.join([rooms.monitor(workspaceId), rooms.staffUser(actor.id)]);

    const requireConversation = async (conversationId: string) => {
      const conversation = await conversations.get(workspaceId, conversationId);
      if (!conversation) throw new AppError('not_found', 'Conversation not found');
      return conversation;
    };

    registerCollision(socket, 'monitor', ctx, ctx.collision, async (id) => !!(await conversations.get(workspaceId, id))); // F17

    onMonitor(socket, 'monitor.snapshot', async () => {
      const snapshot = await monitoring.snapshot(workspaceId);
      // Tags per conversation and the workspace's tags, for the dashboard's tag filter (issue 15).
      const [tagMap, tagList] = await Promise.all([tools.tags.forConversations(workspaceId, snapshot.conversations.map((c) => c.id)), tools.tags.list(workspaceId)]);
      return { snapshot, tags: tagList, conversationTags: Object.fromEntries(tagMap) };
    });
    onMonitor(socket, 'monitor.watch', async ({ conversationId }) => {
      const conversation = await requireConversation(conversationId);
      // Join first, then read: nothing sent in between is lost (clients de-duplicate by id).
      await socket.join(rooms.conversation(conversationId));
      const [messages, whispers, alerts] = await Promise.all([
        conversations.history(workspaceId, conversationId),
        monitoring.whispers(workspaceId, conversationId),
        monitoring.recentAlerts(workspaceId, conversationId),
      ]);
      return { conversation, messages, whispers, alerts };
    });
    onMonitor(socket, 'monitor.unwatch', async ({ conversationId }) => {
      await socket.leave(rooms.conversation(conversationId));
      return {};
    });
    onMonitor(socket, 'whisper.send', async ({ conversationId, body }) => {
      await requireConversation(conversationId);
      const whisper = await monitoring.whisper(workspaceId, conversationId, actor, body);
      // `note` for clients that show all notes; `whisper` kept for older clients (same id, de-duplicated).
      notifier.toStaffConversation(conversationId, 'note', whisper);
      notifier.toStaffConversation(conversationId, 'whisper', whisper);
      return { whisper };
    });
    onMonitor(socket, 'transfer.targets', async () => chat.directory.transferTargets(workspaceId));
    onMonitor(socket, 'chat.transfer', async (input) => {
      const conversation = await requireConversation(input.conversationId);
      if (conversation.status !== 'active' || !conversation.agentId) throw new AppError('invalid_state', 'Only a chat with an agent can be transferred');
      const to = { type: input.to.type, id: input.to.id } as const;
      if (!(await chat.directory.exists(workspaceId, to))) throw new AppError('not_found', `Unknown ${to.type}`);
      return { conversation: await chat.transfers.transfer(workspaceId, input.conversationId, conversation.agentId, to) };
    });
    onMonitor(socket, 'chat.end', async ({ conversationId }) => {
      await requireConversation(conversationId);
      return { conversation: await chat.lifecycle.endConversation(workspaceId, conversationId, 'supervisor') };
    });
  });
}
