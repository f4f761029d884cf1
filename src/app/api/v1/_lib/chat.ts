import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { tags, users } from '../../../../db/schema';
import { getConversation, type ApiConversation } from '../../../../domain/publicapi/conversations';
import type { MessageDto } from '../../../../domain/conversations/types';
import { AppError } from '../../../../lib/errors';
import { services } from '../../../../server/web';

/** The conversation of this workspace, or 404 (another workspace's id is not found, never shown). */
export async function conversationOr404(workspaceId: string, id: string): Promise<ApiConversation> {
  const conversation = await getConversation(services().db, workspaceId, id);
  if (!conversation) throw new AppError('not_found', 'Conversation not found');
  return conversation;
}

/**
 * Sends through the chat use cases, so sockets, monitoring and webhooks see the message as if typed in the
 * agent workspace. A bot has no staff account: its message is an agent-side message without a sender id,
 * relayed with the bot's name.
 */
export async function sendAsApi(workspaceId: string, conversationId: string, input: { body: string; agentId?: string; botName?: string }): Promise<MessageDto> {
  const { db, chat } = services();
  await conversationOr404(workspaceId, conversationId);
  const clientMsgId = `api:${randomUUID()}`;
  if (input.agentId) {
    const [agent] = await db
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, input.agentId)));
    if (!agent) throw new AppError('bad_request', 'Invalid body: agentId: no such agent in this workspace', [{ path: 'agentId', message: 'Unknown agent' }]);
    if (!agent.active) throw new AppError('bad_request', 'Invalid body: agentId: this agent is deactivated', [{ path: 'agentId', message: 'Deactivated agent' }]);
    return chat.messages.agentMessage(workspaceId, { id: agent.id, name: agent.name, role: agent.role }, conversationId, input.body, clientMsgId);
  }
  return chat.messages.botMessage(workspaceId, conversationId, input.botName ?? 'Bot', input.body, clientMsgId);
}

/** Tag ids of the workspace for these names (case-insensitive); an unknown name is a 400 naming it. */
export async function tagIdsByName(workspaceId: string, names: string[]): Promise<string[]> {
  const wanted = [...new Set(names.map((n) => n.toLowerCase()))];
  if (!wanted.length) return [];
  const rows = await services()
    .db.select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), inArray(sql`lower(${tags.name})`, wanted)));
  const found = new Set(rows.map((r) => r.name.toLowerCase()));
  const unknown = wanted.filter((n) => !found.has(n));
  if (unknown.length) throw new AppError('bad_request', `Invalid body: tags: unknown tag ${unknown.join(', ')}`, unknown.map(() => ({ path: 'tags', message: 'Unknown tag' })));
  return rows.map((r) => r.id);
}
