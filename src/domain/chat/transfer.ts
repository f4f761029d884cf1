import { AppError, isAppError } from '../../lib/errors';
import type { ConversationDto } from '../conversations/types';
import type { WaitingChats } from '../queue/service';
import type { RoutingTarget } from '../settings/schemas';
import type { ChatPorts } from './ports';
import type { PresenceFeed } from './presence';
import { SYSTEM } from './types';

type TransferTo = Extract<RoutingTarget, { type: 'agent' | 'group' }>;

/** Moving a chat between agents: by hand (agent, supervisor) and automatically when an agent does not reply. */
export class ChatTransfers {
  constructor(
    private readonly ports: ChatPorts,
    private readonly queue: WaitingChats,
    private readonly presence: PresenceFeed,
  ) {}

  /**
   * Moves a chat to another agent, or to the best available agent of a group. Capacity moves atomically
   * in Redis; refused with `invalid_state` when nobody there can take it.
   */
  async transfer(workspaceId: string, conversationId: string, fromAgentId: string, to: TransferTo, exclude: ReadonlySet<string> = new Set()): Promise<ConversationDto> {
    const { conversations, routing, rooms, settings, timers, events } = this.ports;
    const conversation = await conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'active' || conversation.agentId !== fromAgentId) {
      throw new AppError('invalid_state', 'Only an active chat of its current agent can be transferred');
    }
    if (to.type === 'agent' && to.id === fromAgentId) throw new AppError('bad_request', 'The chat is already yours');
    const skip = new Set([...exclude, fromAgentId]);
    const candidates = to.type === 'agent' ? [to.id] : (await routing.bestAgentFor(workspaceId, to, skip)).map((a) => a.id);
    for (const candidate of candidates) {
      if (skip.has(candidate) && to.type === 'group') continue;
      if (!(await routing.transfer(workspaceId, conversationId, fromAgentId, candidate))) continue;
      const moved = await conversations.reassign(workspaceId, conversationId, fromAgentId, candidate, to.type === 'group' ? to.id : null);
      if (!moved) {
        // The chat ended or moved meanwhile: undo the capacity move.
        await routing.transfer(workspaceId, conversationId, candidate, fromAgentId);
        throw new AppError('invalid_state', 'The chat changed while transferring; try again');
      }
      await routing.markTried(workspaceId, conversationId, candidate);
      // Room membership is transport, not a domain fact: direct port calls, before the socket feed tells both agents.
      rooms.leaveAgent(fromAgentId, conversationId);
      rooms.joinAgent(candidate, conversationId);
      const note = await conversations.appendMessage(workspaceId, conversationId, SYSTEM, `Chat transferred to ${moved.agentName ?? 'another agent'}`, null);
      await events.publish('conversation.transferred', { workspaceId, conversation: moved, fromAgentId, toAgentId: candidate, note });
      await Promise.all([this.presence.push(workspaceId, fromAgentId), this.presence.push(workspaceId, candidate)]);
      const { autoTransfer } = await settings.value(workspaceId, 'assignment');
      if (autoTransfer.enabled) await timers.replyTimeout(workspaceId, conversationId, candidate, autoTransfer.seconds * 1000);
      await this.queue.settle(workspaceId, { capacityFreed: true });
      return moved;
    }
    throw new AppError('invalid_state', to.type === 'agent' ? 'That agent is not online or has no free capacity' : 'No agent of that group is online with free capacity');
  }

  /** Timer (worker): the agent did not reply in time. Hand the chat to another agent who has not had it yet. */
  async onReplyTimeout(workspaceId: string, conversationId: string, agentId: string): Promise<'transferred' | 'replied' | 'stale' | 'no_agent'> {
    const { conversations, routing, events } = this.ports;
    const conversation = await conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'active' || conversation.agentId !== agentId || !conversation.assignedAt) return 'stale';
    if (await conversations.agentRepliedSince(workspaceId, conversationId, agentId, new Date(conversation.assignedAt))) return 'replied';
    await events.publish('conversation.reply_timed_out', { workspaceId, conversation, agentId });
    const tried = await routing.triedAgents(workspaceId, conversationId);
    const target: Extract<RoutingTarget, { type: 'group' }> | { type: 'all' } = conversation.groupId ? { type: 'group', id: conversation.groupId } : { type: 'all' };
    const candidates = (await routing.bestAgentFor(workspaceId, target, new Set([...tried, agentId]))).map((a) => a.id);
    for (const candidate of candidates) {
      try {
        await this.transfer(workspaceId, conversationId, agentId, { type: 'agent', id: candidate }, tried);
        return 'transferred';
      } catch (error) {
        if (!isAppError(error)) throw error;
      }
    }
    return 'no_agent';
  }
}
