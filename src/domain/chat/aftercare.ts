import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversationState, conversations, messages, type EndedBy } from '../../db/schema';
import { AppError, isAppError } from '../../lib/errors';
import type { ConversationService } from '../conversations/service';
import type { ConversationDto, MessageDto } from '../conversations/types';
import type { RatingDto, SatisfactionService } from '../satisfaction/service';
import { endOfChatFor } from '../settings/schemas-service';
import type { SettingsService } from '../settings/service';
import { anyEndTimerEnabled, minutesToMs, planEndTimer, timerIsCurrent, type EndTimerKind, type TurnState } from './end-timers';
import type { ChatEventPublisher, ChatEvents } from './events';
import type { ChatTimers } from './timers';

export type EndChat = (workspaceId: string, conversationId: string, endedBy: EndedBy, prompt: { kind: 'timed_out'; text: string }) => Promise<ConversationDto>;

interface ConversationTurn extends TurnState {
  visitorId: string;
  channel: 'desktop' | 'mobile' | 'app';
  agentId: string | null;
}

/**
 * What happens around and after a conversation (issue 5): end-of-chat timers (F9: agent reply timeout
 * prompt, visitor inactivity warning and automatic end) and satisfaction invitations (F8). It listens to the
 * chat events (`subscribe`); the worker calls `onEndTimer` when a BullMQ delayed job fires. The core does
 * not know it: ending a chat on inactivity goes through the `endChat` it is given.
 */
export class ChatAftercare {
  constructor(
    private readonly db: Db,
    private readonly conversations: ConversationService,
    private readonly settings: SettingsService,
    private readonly events: ChatEventPublisher,
    private readonly timers: ChatTimers,
    readonly satisfaction: SatisfactionService,
    private readonly endChat: EndChat,
  ) {}

  /** Listens to the chat core: messages and assignments (re)schedule the timers, an end cancels them and may invite a rating. */
  subscribe(events: ChatEvents): void {
    events.on('message.created', ({ workspaceId, message }) => this.afterMessage(workspaceId, message));
    events.on('conversation.assigned', ({ workspaceId, conversation }) => this.afterAssigned(workspaceId, conversation.id));
    events.on('conversation.reopened', ({ workspaceId, conversation }) => this.afterAssigned(workspaceId, conversation.id));
    events.on('conversation.ended', ({ workspaceId, conversation }) => this.afterEnded(workspaceId, conversation));
    events.on('rating.submitted', ({ workspaceId, rating }) => this.afterRated(workspaceId, rating));
  }

  // ---------------------------------------------------------------- listeners

  /**
   * A visitor or agent message. Only a change of turn replaces the pending timer: when the same side writes
   * again, the pending timer's mark goes stale and, when it fires, `onEndTimer` re-schedules it from the
   * latest message (lazy push-back). Same semantics, one Redis call per message instead of a reschedule.
   */
  async afterMessage(workspaceId: string, message: MessageDto): Promise<void> {
    if (message.senderType === 'system') return;
    // All timers off (the default): no turn tracking either, so the message path pays no Redis call for F9.
    // A chat already under way when the timers are turned on gets its first timer at the next change of turn
    // the tracking sees (the turn mark of an earlier period expires after a day).
    if (!anyEndTimerEnabled(await this.settings.value(workspaceId, 'endOfChat'))) return;
    if (!(await this.timers.turnChanged(message.conversationId, message.senderType))) return;
    await this.reschedule(workspaceId, message.conversationId);
  }

  async afterAssigned(workspaceId: string, conversationId: string): Promise<void> {
    await this.reschedule(workspaceId, conversationId);
  }

  /** Ended by anyone: cancel the timers and, per F8, invite the visitor to rate. */
  async afterEnded(workspaceId: string, ended: ConversationDto): Promise<void> {
    await this.timers.cancelEndTimers(ended.id);
    if (!ended.agentId) return;
    await this.inviteRating(workspaceId, ended.id, 'end').catch((error) => {
      if (!isAppError(error)) throw error; // rules said no (off, limit reached, already rated)
    });
  }

  /** Sends a rating invitation to the visitor (agent during the chat, or automatically at the end). */
  async inviteRating(workspaceId: string, conversationId: string, by: 'agent' | 'end'): Promise<{ invitations: number; max: number }> {
    const invited = await this.satisfaction.invite(workspaceId, conversationId, by);
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (conversation) {
      await this.events.publish('rating.invited', { workspaceId, conversationId, visitorId: conversation.visitorId, by, scheme: invited.scheme, invitation: invited.invitations });
    }
    return { invitations: invited.invitations, max: invited.max };
  }

  /** After a visitor rated: tell the serving agent, only if agents may see results. */
  async afterRated(workspaceId: string, rating: RatingDto): Promise<void> {
    if (!rating.agentId) return;
    if (!(await this.satisfaction.canSeeResults(workspaceId, { id: rating.agentId, role: 'agent' }))) return;
    await this.events.publish('rating.shared', { workspaceId, agentId: rating.agentId, rating });
  }

  // ---------------------------------------------------------------- timers

  /** Replaces the conversation's pending end-of-chat timer with the one its current state needs. */
  async reschedule(workspaceId: string, conversationId: string): Promise<void> {
    const settings = await this.settings.value(workspaceId, 'endOfChat');
    // All timers off (the default): nothing to read or schedule on a change of turn, and nothing to cancel: a
    // timer left from before they were turned off re-reads the settings when it fires and does nothing.
    if (!anyEndTimerEnabled(settings)) return;
    const state = await this.turn(workspaceId, conversationId);
    if (!state || state.status !== 'active') return this.timers.cancelEndTimers(conversationId);
    const config = endOfChatFor(settings, state.channel);
    const plan = planEndTimer(state, config, new Date());
    if (!plan) return this.timers.cancelEndTimers(conversationId);
    await this.timers.endTimer(workspaceId, conversationId, plan.kind, plan.mark, plan.delayMs);
  }

  /**
   * A delayed job fired (worker). Re-checks the state: a timer whose mark is no longer the latest message
   * is stale and does nothing. Prompts are recorded per mark with a conditional upsert, so a duplicate job
   * (several workers, a retried job) never sends one twice; ending is idempotent.
   */
  async onEndTimer(workspaceId: string, conversationId: string, kind: EndTimerKind, mark: number): Promise<'stale' | 'duplicate' | 'prompted' | 'warned' | 'ended'> {
    const state = await this.turn(workspaceId, conversationId);
    if (!state || !timerIsCurrent(state, kind, mark)) {
      // New activity replaced this timer; make sure the replacement exists (it may have lost a race).
      if (state?.status === 'active') await this.reschedule(workspaceId, conversationId);
      return 'stale';
    }
    const config = endOfChatFor(await this.settings.value(workspaceId, 'endOfChat'), state.channel);
    if (kind === 'reply-prompt') {
      if (!config.agentReplyTimeout.enabled) return 'stale';
      if (!(await this.claimMark(workspaceId, conversationId, 'reply_prompted_mark', mark))) return 'duplicate';
      await this.prompt(workspaceId, conversationId, state.visitorId, 'agent_reply_timeout', config.agentReplyTimeout.prompt);
      return 'prompted';
    }
    if (!config.inactivity.enabled) return 'stale';
    if (kind === 'inactivity-warn') {
      if (!(await this.claimMark(workspaceId, conversationId, 'inactivity_warned_mark', mark))) return 'duplicate';
      await this.prompt(workspaceId, conversationId, state.visitorId, 'inactivity_warning', config.inactivity.warningPrompt);
      await this.timers.endTimer(workspaceId, conversationId, 'inactivity-end', mark, minutesToMs(config.inactivity.endAfterMinutes));
      return 'warned';
    }
    // inactivity-end: only after the warning for this same silence was sent.
    const [row] = await this.db.select({ warned: conversationState.inactivityWarnedMark }).from(conversationState).where(sql`${conversationState.conversationId} = ${conversationId}`);
    if (row?.warned !== mark) return 'stale';
    await this.endChat(workspaceId, conversationId, 'system', { kind: 'timed_out', text: config.inactivity.endPrompt });
    return 'ended';
  }

  private async prompt(workspaceId: string, conversationId: string, visitorId: string, kind: 'agent_reply_timeout' | 'inactivity_warning', text: string) {
    const note = await this.conversations.appendSystemNote(workspaceId, conversationId, text);
    await this.events.publish('conversation.prompted', { workspaceId, conversationId, visitorId, kind, text, note });
  }

  /** Records that the prompt for `mark` was sent; false if it already was (atomic). */
  private async claimMark(workspaceId: string, conversationId: string, column: 'reply_prompted_mark' | 'inactivity_warned_mark', mark: number): Promise<boolean> {
    const col = sql.raw(column);
    const result = await this.db.execute(sql`
      insert into ${conversationState} (conversation_id, workspace_id, ${col}) values (${conversationId}, ${workspaceId}, ${mark})
      on conflict (conversation_id) do update set ${col} = excluded.${col}, updated_at = now()
        where ${conversationState}.${col} is distinct from excluded.${col}
      returning conversation_id`);
    return result.rows.length > 0;
  }

  /** Status, channel and the latest visitor/agent message of a conversation, in one query. */
  private async turn(workspaceId: string, conversationId: string): Promise<ConversationTurn | null> {
    const result = await this.db.execute<{ status: TurnState['status']; channel: ConversationTurn['channel']; visitor_id: string; agent_id: string | null; assigned_at: Date | string | null; last_seq: number | null; last_sender: 'visitor' | 'agent' | null; last_at: Date | string | null }>(sql`
      select c.status, c.channel, c.visitor_id, c.agent_id, c.assigned_at, m.seq as last_seq, m.sender_type as last_sender, m.created_at as last_at
      from ${conversations} c
      left join lateral (
        select seq, sender_type, created_at from ${messages}
        where conversation_id = c.id and sender_type <> 'system' order by seq desc limit 1
      ) m on true
      where c.id = ${conversationId} and c.workspace_id = ${workspaceId}`);
    const row = result.rows[0];
    if (!row) return null;
    return {
      status: row.status,
      channel: row.channel,
      visitorId: row.visitor_id,
      agentId: row.agent_id,
      assignedAt: row.assigned_at ? new Date(row.assigned_at) : null,
      last: row.last_seq !== null && row.last_sender && row.last_at ? { seq: Number(row.last_seq), senderType: row.last_sender, at: new Date(row.last_at) } : null,
    };
  }
}
