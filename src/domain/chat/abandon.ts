import type { ConversationDto } from '../conversations/types';
import type { ChatLifecycle } from './lifecycle';
import type { ChatPorts } from './ports';

export type GoneOutcome = 'returned' | 'not_waiting' | 'kept' | 'abandoned';

/**
 * Visitors who leave while their chat waits (issue 21): a queued chat, or an always-on pool chat the visitor
 * has not written in yet, whose visitor has been disconnected for the grace period (queue settings,
 * `abandonAfterSeconds`) leaves the queue or pool as *abandoned* instead of holding an agent's slot when
 * one comes online. An always-on chat with the visitor's message stays: always-on promises the visitor may
 * leave and read the reply later.
 *
 * The realtime server calls `visitorDisconnected` when a visitor's socket closes; a durable timer (BullMQ,
 * one per visitor, survives restarts) calls `onVisitorGone`, which re-checks everything.
 */
export class ChatAbandonment {
  constructor(
    private readonly ports: ChatPorts,
    private readonly lifecycle: Pick<ChatLifecycle, 'endConversation'>,
  ) {}

  /** A visitor socket closed: if it was the last one and the visitor's chat waits, start the grace timer. */
  async visitorDisconnected(workspaceId: string, visitorId: string): Promise<boolean> {
    const { routing, conversations, settings, timers } = this.ports;
    if (await routing.visitorConnected(workspaceId, visitorId)) return false;
    const { abandonAfterSeconds } = await settings.value(workspaceId, 'queue');
    if (abandonAfterSeconds <= 0) return false;
    const latest = await conversations.latestForVisitor(workspaceId, visitorId);
    if (!latest || (latest.status !== 'queued' && latest.status !== 'unassigned')) return false;
    await timers.visitorGone(workspaceId, visitorId, abandonAfterSeconds * 1000);
    return true;
  }

  /** Timer (worker): the grace period is over. Ends the waiting chat as abandoned if the visitor is still gone. */
  async onVisitorGone(workspaceId: string, visitorId: string): Promise<GoneOutcome> {
    const { routing, conversations, events } = this.ports;
    if (await routing.visitorConnected(workspaceId, visitorId)) return 'returned';
    const waiting = await conversations.latestForVisitor(workspaceId, visitorId);
    if (!waiting || (waiting.status !== 'queued' && waiting.status !== 'unassigned')) return 'not_waiting';
    if (waiting.status === 'unassigned' && (await this.visitorWrote(workspaceId, waiting))) return 'kept';
    // Out of the queue or pool first (atomic): a drain that claimed the chat meanwhile wins, and none can after.
    if (!(await routing.leaveQueue(workspaceId, waiting.id))) return 'not_waiting';
    const waitedSeconds = Math.max(0, Math.round((Date.now() - Date.parse(waiting.startedAt)) / 1000));
    // Ending releases the queue or pool place and lets the others move up (lifecycle); no prompt: nobody reads it.
    const ended = await this.lifecycle.endConversation(workspaceId, waiting.id, 'abandoned', { kind: 'ended', text: '' });
    if (ended.endedBy !== 'abandoned') return 'not_waiting'; // ended by someone else meanwhile
    await events.publish('conversation.abandoned', { workspaceId, conversation: ended, from: waiting.status === 'queued' ? 'queue' : 'pool', waitedSeconds });
    return 'abandoned';
  }

  private async visitorWrote(workspaceId: string, conversation: ConversationDto): Promise<boolean> {
    const messages = await this.ports.conversations.history(workspaceId, conversation.id, { limit: 100 });
    return messages.some((m) => m.senderType === 'visitor');
  }
}
