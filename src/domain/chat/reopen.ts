import { AppError } from '../../lib/errors';
import type { ConversationDto } from '../conversations/types';
import type { ChatPorts } from './ports';
import type { PresenceFeed } from './presence';
import { SYSTEM, type StaffActor } from './types';

/**
 * Reopening an ended chat (issue 21): the agent who served it (or an admin/supervisor) takes it back, e.g.
 * after ending it by mistake. It needs a free chat slot like any assignment (taken atomically in Redis), and
 * the visitor must not have started another chat meanwhile. Both sides see it active again, with a note.
 */
export class ChatReopening {
  constructor(
    private readonly ports: ChatPorts,
    private readonly presence: PresenceFeed,
  ) {}

  async reopen(workspaceId: string, conversationId: string, actor: StaffActor): Promise<ConversationDto> {
    const { conversations, routing, rooms, events } = this.ports;
    const ended = await conversations.get(workspaceId, conversationId);
    if (!ended) throw new AppError('not_found', 'Conversation not found');
    if (ended.status !== 'ended') throw new AppError('invalid_state', 'This chat is still open');
    if (actor.role === 'agent' && ended.agentId !== actor.id) throw new AppError('forbidden', 'Only the agent who served this chat can reopen it');
    const latest = await conversations.latestForVisitor(workspaceId, ended.visitorId);
    if (latest && latest.id !== ended.id) throw new AppError('conflict', 'The visitor has started a new chat since; answer it there');
    // A chat slot, atomically, like any assignment: online (or busy) with free capacity.
    const target = { type: 'agent', id: actor.id } as const;
    const outcome = await routing.assign(workspaceId, conversationId, { ruleId: null, steps: [{ target, method: 'saturation' }], lastServedMinutes: null, queueTarget: target });
    if (outcome.kind !== 'assigned') throw new AppError('invalid_state', 'Go online with a free chat slot to reopen this chat');
    const reopened = await conversations.reopen(workspaceId, conversationId, actor.id);
    if (!reopened) {
      await routing.release(workspaceId, conversationId);
      throw new AppError('conflict', 'The chat changed meanwhile (reopened by someone else, or the visitor started a new one)');
    }
    // Room membership is transport: the agent's and the visitor's sockets join before the socket feed tells them.
    rooms.joinAgent(actor.id, conversationId);
    rooms.joinVisitor(reopened.visitorId, conversationId);
    const note = await conversations.appendMessage(workspaceId, conversationId, SYSTEM, `Chat reopened by ${actor.name}`, null);
    await events.publish('conversation.reopened', { workspaceId, conversation: reopened, agentId: actor.id, note });
    await this.presence.push(workspaceId, actor.id);
    return reopened;
  }
}
