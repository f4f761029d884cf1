import { loadRoutingProfile } from '../domain/accounts/routing-profile';
import { bullPresenceGrace } from '../infra/jobs';
import { rooms } from '../infra/rooms';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { registerAgentTools } from './agent-tools';
import type { RealtimeContext } from './context';
import { registerCollision } from './collision-handlers';
import { registerAgentCrm } from './crm-handlers';
import { limitEvents, onAgent } from './handler';
import { AGENT_GUARDED_EVENTS } from './limits';
import { claimedFirst } from './collision-claim';
import { guardStaffEvents, staffHandshake, type StaffData } from './staff-auth';
import { registerSync } from './sync-handlers';

/** The /agent namespace: the agent workspace (presence, chats, pool, transfers, tools). */
export function registerAgentNamespace(ctx: RealtimeContext): void {
  const { app, agentNs, visitorNs } = ctx;
  const { db, chat, conversations, routing, monitoring } = app;
  const grace = bullPresenceGrace(ctx.presenceQueue);
  agentNs.use(staffHandshake(db, ctx.authSecret));

  agentNs.on('connection', async (socket) => {
    const { workspaceId, actor } = socket.data as StaffData;
    // Everything but the hot path re-checks the account first (role-dependent reads act on the current role).
    guardStaffEvents(socket, db, { events: AGENT_GUARDED_EVENTS });
    limitEvents(socket, ctx.limits, { 'message.send': { bucket: 'message', key: `s:${socket.id}`, perSocket: true }, typing: { bucket: 'typing', key: `s:${socket.id}`, perSocket: true } });
    socket.join([rooms.staffUser(actor.id), rooms.staff(workspaceId)]);

    const requireAccess = async (conversationId: string) => {
      const conversation = await conversations.canStaffAccess(workspaceId, conversationId, actor);
      if (!conversation) throw new AppError('forbidden', 'Not your conversation');
      return conversation;
    };
    const requireParticipant = (conversationId: string) => {
      if (!socket.rooms.has(rooms.conversation(conversationId))) throw new AppError('forbidden', 'Not your conversation');
    };
    registerAgentCrm(socket, ctx.crm, workspaceId, actor, (id) => socket.rooms.has(rooms.conversation(id)));
    // Collision guard (F17): agents look at their own chats (or ones they still take part in); supervisors at any.
    registerCollision(socket, 'agent', ctx, ctx.collision, async (id) => socket.rooms.has(rooms.conversation(id)) || !!(await conversations.canStaffAccess(workspaceId, id, actor)));
    registerAgentTools(socket, workspaceId, actor, app.tools, {
      db,
      chat,
      conversations,
      routing,
      notifier: app.notifier,
      disconnectVisitor: (visitorId) => visitorNs.in(rooms.visitor(visitorId)).disconnectSockets(true),
    });

    // Handlers are registered before the connect bookkeeping finishes (so no event is lost); a status change
    // waits for it, so the initial `presence` can never arrive after, and overwrite, the agent's choice.
    let markConnected!: (done: Promise<void>) => void;
    const connected = new Promise<void>((resolve) => (markConnected = (done) => void done.then(resolve)));
    onAgent(socket, 'status.set', async ({ status }) => {
      await connected;
      return { presence: await chat.agents.setAgentStatus(workspaceId, actor.id, status) };
    });
    onAgent(socket, 'conversations.list', async () => ({ conversations: await conversations.listForAgent(workspaceId, actor.id) }));
    registerSync(socket, { workspaceId, conversations, canRead: async (id) => !!(await conversations.canStaffAccess(workspaceId, id, actor)), ready: connected });
    onAgent(socket, 'history', async (input) => {
      await requireAccess(input.conversationId);
      return { messages: await conversations.history(workspaceId, input.conversationId, input) };
    });
    onAgent(socket, 'whisper.list', async (input) => {
      await requireAccess(input.conversationId);
      return { whispers: await monitoring.whispers(workspaceId, input.conversationId) };
    });
    onAgent(socket, 'message.send', async (input) => {
      requireParticipant(input.conversationId);
      return { message: await chat.messages.agentMessage(workspaceId, actor, input.conversationId, input.body, input.clientMsgId, input.attachmentIds) };
    });
    onAgent(socket, 'typing', async (input) => {
      requireParticipant(input.conversationId);
      visitorNs.to(rooms.conversation(input.conversationId)).emit('typing', { conversationId: input.conversationId, typing: input.typing, name: actor.name });
      return {};
    });
    onAgent(socket, 'chat.end', async (input) => {
      requireParticipant(input.conversationId);
      return { conversation: await chat.lifecycle.endConversation(workspaceId, input.conversationId, 'agent') };
    });
    // Issue 21: the agent who served an ended chat (or an admin/supervisor) takes it back.
    onAgent(socket, 'chat.reopen', async (input) => ({ conversation: await chat.reopening.reopen(workspaceId, input.conversationId, actor) }));
    onAgent(socket, 'pool.list', async () => ({ conversations: await chat.queue.unassignedPool(workspaceId) }));
    onAgent(socket, 'pool.claim', async (input) => {
      const conversation = await chat.queue.claimFromPool(workspaceId, input.conversationId, actor.id).catch((error: unknown) => claimedFirst(error, { db, redis: app.redis, routing }, workspaceId, input.conversationId));
      socket.join(rooms.conversation(conversation.id));
      return { conversation };
    });
    onAgent(socket, 'transfer.targets', async () => chat.directory.transferTargets(workspaceId, actor.id));
    onAgent(socket, 'chat.transfer', async (input) => {
      requireParticipant(input.conversationId);
      const to = { type: input.to.type, id: input.to.id } as const;
      if (!(await chat.directory.exists(workspaceId, to))) throw new AppError('not_found', `Unknown ${to.type}`);
      return { conversation: await chat.transfers.transfer(workspaceId, input.conversationId, actor.id, to) };
    });

    socket.on('disconnect', async () => {
      try {
        const remaining = await routing.removeSocket(workspaceId, actor.id, socket.id);
        if (remaining === 0) await grace.schedule(workspaceId, actor.id, ctx.presenceGraceSeconds * 1000);
      } catch (error) {
        logger.error({ err: error }, 'agent disconnect bookkeeping failed');
      }
    });

    markConnected(
      (async () => {
        try {
          await routing.addSocket(workspaceId, actor.id, socket.id, ctx.nodeId);
          await ctx.nodes.trackAgent(ctx.nodeId, workspaceId, actor.id);
          await grace.cancel(workspaceId, actor.id);
          const profile = await loadRoutingProfile(db, workspaceId, actor.id);
          const presence = await chat.agents.registerAgent(workspaceId, { id: actor.id, active: profile?.active ?? false, receptionLimit: profile?.receptionLimit ?? null, groupIds: profile?.groupIds ?? [] });
          for (const c of await conversations.listForAgent(workspaceId, actor.id, 0)) socket.join(rooms.conversation(c.id));
          socket.emit('presence', presence);
        } catch (error) {
          logger.error({ err: error }, 'agent connect bookkeeping failed');
        }
      })(),
    );
  });
}
