import type { Socket } from 'socket.io';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { transferDirectory } from '../domain/accounts/routing-profile';
import { BANNED_NOTICE } from '../domain/bans/service';
import { fillPlaceholders } from '../domain/canned/placeholders';
import type { ChatNotifier } from '../domain/chat/notifier';
import type { ChatService } from '../domain/chat/service';
import type { StaffActor } from '../domain/chat/types';
import type { AgentTools } from '../server/compose';
import type { ConversationService } from '../domain/conversations/service';
import type { ConversationDto } from '../domain/conversations/types';
import type { RoutingEngine } from '../domain/routing/engine';
import { AppError } from '../lib/errors';
import { onAgent } from './handler';

/**
 * /agent events of the agent tools (issue 15): internal notes with @mentions, canned replies, tags, the
 * visitor context panel and bans, plus the richer conversation list. Kept out of server.ts, which wires
 * them in; docs/protocol.md ("Agent tools") documents them.
 */


export interface AgentToolsDeps {
  db: Db;
  chat: ChatService;
  conversations: ConversationService;
  routing: RoutingEngine;
  notifier: ChatNotifier;
  /** Disconnects every socket of a visitor on every node (Redis adapter). */
  disconnectVisitor: (visitorId: string) => void;
}


/** Preview line of each conversation: its last visitor/agent message. */
async function previews(db: Db, ids: string[]): Promise<Record<string, { body: string; senderType: string; createdAt: string }>> {
  if (!ids.length) return {};
  const { rows } = await db.execute<{ conversation_id: string; body: string; sender_type: string; created_at: Date | string }>(
    // One indexed lookup per conversation (messages_conv_seq_unique), newest non-system message.
    sql`
      select c.id as conversation_id, m.body, m.sender_type, m.created_at
      from unnest(${`{${ids.join(',')}}`}::uuid[]) as c(id)
      cross join lateral (
        select body, sender_type, created_at from messages
        where conversation_id = c.id and sender_type <> 'system' order by seq desc limit 1
      ) m`,
  );
  return Object.fromEntries(rows.map((r) => [r.conversation_id, { body: r.body.slice(0, 140), senderType: r.sender_type, createdAt: new Date(r.created_at).toISOString() }]));
}

export function registerAgentTools(socket: Socket, workspaceId: string, actor: StaffActor, tools: AgentTools, deps: AgentToolsDeps): void {
  const { conversations, notifier } = deps;
  const requireAccess = async (conversationId: string): Promise<ConversationDto> => {
    const conversation = await conversations.canStaffAccess(workspaceId, conversationId, actor);
    if (!conversation) throw new AppError('forbidden', 'Not your conversation');
    return conversation;
  };

  // The list with what the agent needs at a glance: preview, tags, and how many wait in the queue.
  onAgent(socket, 'conversations.overview', async () => {
    const list = await conversations.listForAgent(workspaceId, actor.id);
    const ids = list.map((c) => c.id);
    const [preview, tagMap, queues] = await Promise.all([previews(deps.db, ids), tools.tags.forConversations(workspaceId, ids), deps.routing.allQueues(workspaceId)]);
    return {
      conversations: list,
      previews: preview,
      tags: Object.fromEntries(tagMap),
      waiting: [...queues.values()].reduce((n, q) => n + q.length, 0),
    };
  });

  // ---------------------------------------------------------------- notes
  onAgent(socket, 'note.add', async ({ conversationId, body, mentions }) => {
    await requireAccess(conversationId);
    const { note, visitorName } = await tools.notes.add(workspaceId, conversationId, actor, { body, kind: 'note', mentions });
    notifier.toStaffConversation(conversationId, 'note', note);
    for (const m of note.mentions) notifier.toAgent(m.id, 'note.mention', { note, visitorName });
    if (note.mentions.length) await deps.chat.events.publish('note.mentioned', { workspaceId, note });
    return { note };
  });
  onAgent(socket, 'note.list', async ({ conversationId }) => {
    await requireAccess(conversationId);
    return { notes: await tools.notes.list(workspaceId, conversationId) };
  });
  onAgent(socket, 'staff.list', async () => ({ staff: (await transferDirectory(deps.db, workspaceId)).staff.map((s) => ({ id: s.id, name: s.name })) }));

  // ---------------------------------------------------------------- canned replies (personal ones here; shared in the console)
  onAgent(socket, 'canned.list', async () => ({ replies: await tools.canned.forAgent(workspaceId, actor.id) }));
  onAgent(socket, 'canned.save', async ({ id, ...input }) => ({
    reply: id ? await tools.canned.update(workspaceId, actor.id, id, input) : await tools.canned.create(workspaceId, actor.id, input),
  }));
  onAgent(socket, 'canned.delete', async ({ id }) => {
    await tools.canned.remove(workspaceId, actor.id, id);
    return {};
  });
  onAgent(socket, 'canned.render', async ({ conversationId, id }) => {
    const conversation = await requireAccess(conversationId);
    const reply = (await tools.canned.forAgent(workspaceId, actor.id)).find((r) => r.id === id);
    if (!reply) throw new AppError('not_found', 'That canned reply no longer exists');
    const [context, workspaceName] = await Promise.all([tools.context.context(workspaceId, conversation.visitorId, conversationId), tools.canned.workspaceName(workspaceId)]);
    return { body: fillPlaceholders(reply.body, { visitor: { name: context.visitor.name, email: context.visitor.email }, agent: { name: actor.name }, workspace: { name: workspaceName } }) };
  });

  // ---------------------------------------------------------------- tags
  onAgent(socket, 'tags.list', async () => ({ tags: await tools.tags.list(workspaceId) }));
  onAgent(socket, 'conversation.tags.set', async ({ conversationId, tagIds }) => {
    await requireAccess(conversationId);
    const tags = await tools.tags.setForConversation(workspaceId, conversationId, tagIds, actor.id);
    notifier.toStaffConversation(conversationId, 'conversation.tags', { conversationId, tags });
    return { tags };
  });

  // ---------------------------------------------------------------- visitor context and profile
  onAgent(socket, 'visitor.context', async ({ conversationId }) => {
    const conversation = await requireAccess(conversationId);
    return { context: await tools.context.context(workspaceId, conversation.visitorId, conversationId) };
  });
  onAgent(socket, 'visitor.profile.update', async ({ conversationId, ...profile }) => {
    const conversation = await requireAccess(conversationId);
    return { visitor: await tools.context.updateProfile(workspaceId, conversation.visitorId, profile) };
  });

  // ---------------------------------------------------------------- bans
  onAgent(socket, 'visitor.ban.preview', async ({ conversationId }) => {
    const conversation = await requireAccess(conversationId);
    return { address: await tools.bans.addressPreview(workspaceId, conversation.visitorId) };
  });
  onAgent(socket, 'visitor.ban', async ({ conversationId, reason, durationMinutes, address }) => {
    const conversation = await requireAccess(conversationId);
    const ban = await tools.bans.ban(workspaceId, { visitorId: conversation.visitorId, reason, durationMinutes, address: address ?? null }, actor.id);
    // End the chat first (the visitor sees the neutral notice), then drop their sockets on every node.
    if (conversation.status !== 'ended') await deps.chat.lifecycle.endConversation(workspaceId, conversationId, actor.role === 'agent' ? 'agent' : 'supervisor', { kind: 'ended', text: BANNED_NOTICE });
    deps.disconnectVisitor(conversation.visitorId);
    return { ban };
  });
}

