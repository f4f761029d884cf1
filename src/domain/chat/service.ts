import type { Channel, EndedBy } from '../../db/schema';
import { AppError, isAppError } from '../../lib/errors';
import type { ConversationService, Sender } from '../conversations/service';
import type { ConversationDto, MessageDto } from '../conversations/types';
import { RoutingEngine, type QueueEntry } from '../routing/engine';
import { buildPlan, type ChatContext, type RoutingPlan } from '../routing/rules';
import { servesTarget, targetKey } from '../routing/strategies';
import type { AgentStatus } from '../routing/strategies';
import { averageHandleSeconds, estimateWaitSeconds, fillQueueMessage } from '../routing/wait';
import type { RoutingTarget } from '../settings/schemas';
import type { SettingsService } from '../settings/service';
import type { AgentPresence, ChatNotifier, MonitorEvents } from './notifier';
import type { ChatTimers } from './timers';
import type { ChatAftercare } from './aftercare';
import { endOfChatFor } from '../settings/schemas-service';
import type { SubmissionMessageDto, SubmissionService, SubmissionTrigger } from '../submissions/service';
import { isTargetOpen } from '../workinghours/schedule';
import type { ModerationService, ModerationSide, Verdict } from '../moderation/service';
import type { MonitoringService } from '../monitoring/service';
import type { AttachmentService } from '../attachments/service';

export interface StaffActor {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
}

export interface StartInput {
  channel: Channel;
  entryUrl: string | null;
  designated: ChatContext['designated'];
  /** Conversation tag names given at start (embed), already limited to the workspace's tags. */
  tags?: string[];
}

export interface QueueStatus {
  position: number;
  waitSeconds: number | null;
  text: string;
}

export interface StartResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  queue: QueueStatus | null;
}

export interface RoutingProfile {
  id: string;
  active: boolean;
  receptionLimit: number | null;
  groupIds: string[];
}

const SYSTEM: Sender = { type: 'system', id: null, name: null };
const ACTIVITY_THROTTLE_MS = 1000;

/**
 * Chat orchestration: conversation lifecycle + routing + notifications + durable timers. The realtime
 * server, the worker and the web app call it; nothing here knows about sockets, HTTP or BullMQ.
 */
export class ChatService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly routing: RoutingEngine,
    private readonly settings: SettingsService,
    private readonly notifier: ChatNotifier,
    private readonly timers: ChatTimers,
  ) {}

  // ------------------------------------------------------------------ start and route

  /** Starts (or resumes) the visitor's conversation and routes it. */
  async startConversation(workspaceId: string, visitorId: string, input: StartInput): Promise<StartResult> {
    const { mode } = await this.settings.value(workspaceId, 'mode');
    const { conversation, created } = await this.conversations.start(workspaceId, visitorId, { channel: input.channel, entryUrl: input.entryUrl, mode });
    // Tags given at start are stored before routing, so the assignment event already carries them.
    if (created && input.tags?.length) await this.tagger?.(workspaceId, conversation.id, input.tags);
    if (created) await this.route(workspaceId, conversation, input);
    const current = (await this.conversations.get(workspaceId, conversation.id))!;
    if (created) this.monitorConversation(workspaceId, current);
    return {
      conversation: current,
      messages: await this.conversations.history(workspaceId, current.id),
      queue: current.status === 'queued' ? await this.queueStatus(workspaceId, current.id, 'enter') : null,
    };
  }

  /**
   * Real-time reception: walk the routing plan (matched rule, overflow chain; targets outside working
   * hours are skipped); else queue behind anyone already waiting for that target; where chatting is not
   * possible (outside working hours, nobody online, queue off or full) offer the submission form if it
   * applies, else tell the visitor and end the chat. Always-on reception goes to `routeAlwaysOn`.
   */
  private async route(workspaceId: string, conversation: ConversationDto, input: StartInput): Promise<void> {
    const [assignment, queue, mode, profile, workingHours] = await Promise.all([
      this.settings.value(workspaceId, 'assignment'),
      this.settings.value(workspaceId, 'queue'),
      this.settings.value(workspaceId, 'mode'),
      this.conversations.visitorProfile(workspaceId, conversation.visitorId),
      this.settings.value(workspaceId, 'workingHours'),
    ]);
    const plan = buildPlan(assignment.rules, assignment.defaultRule, {
      channel: input.channel,
      entryUrl: input.entryUrl,
      vip: profile.vip,
      // "Visitor is tagged": the visitor's CRM tags and the conversation's tags given at start.
      tags: [...profile.tags, ...(input.tags ?? [])],
      designated: input.designated,
    });
    const lastServedAgentId = plan.lastServedMinutes
      ? await this.conversations.lastServedAgent(workspaceId, conversation.visitorId, conversation.id, plan.lastServedMinutes)
      : null;
    if (conversation.mode === 'always_on') {
      await this.routeAlwaysOn(workspaceId, conversation, plan, profile.vip, lastServedAgentId);
      return;
    }
    const now = new Date();
    const isOpen = (target: RoutingTarget) => isTargetOpen(workingHours, target, now);
    if (!plan.steps.some((step) => isOpen(step.target))) {
      if (!(await this.offerSubmission(workspaceId, conversation, 'outside_working_hours'))) await this.refuse(workspaceId, conversation, 'no_agent', mode.noAgentNotice);
      return;
    }
    const outcome = await this.routing.assign(workspaceId, conversation.id, plan, { lastServedAgentId, isTargetOpen: isOpen });
    if (outcome.kind === 'assigned') {
      await this.completeAssignment(workspaceId, conversation.id, outcome.agentId, groupOf(outcome.target));
      return;
    }
    const agents = await this.routing.snapshot(workspaceId);
    const anyoneOnline = agents.some((a) => a.status === 'online' && plan.steps.some((step) => isOpen(step.target) && servesTarget(a, step.target)));
    if (!anyoneOnline && (await this.offerSubmission(workspaceId, conversation, 'no_agent_online'))) return;
    if (!queue.enabled) {
      if (!(await this.offerSubmission(workspaceId, conversation, anyoneOnline ? 'queue_full' : 'no_agent_online'))) {
        await this.refuse(workspaceId, conversation, 'no_agent', mode.noAgentNotice);
      }
      return;
    }
    const target = plan.queueTarget;
    const enqueuedAt = Date.now();
    const queued = await this.routing.enqueue(
      workspaceId,
      { conversationId: conversation.id, visitorId: conversation.visitorId, target, vip: profile.vip, enqueuedAt },
      { globalMax: queue.maxLength, targetMax: target.type === 'group' ? (queue.groupMaxLength[target.id] ?? 0) : 0, vipPriority: queue.vipPriority },
    );
    if (queued.kind === 'full') {
      if (!(await this.offerSubmission(workspaceId, conversation, 'queue_full'))) await this.refuse(workspaceId, conversation, 'queue_full', queue.fullMessage);
      return;
    }
    if (queued.kind === 'queued') {
      // Rebuildable: where and since when it waits lives in PostgreSQL too (routing/recovery.ts).
      await this.conversations.markWaiting(workspaceId, conversation.id, { targetKey: targetKey(target), enqueuedAt, vip: profile.vip });
      await this.conversations.recordEvent(workspaceId, 'conversation.queued', {
        conversationId: conversation.id,
        visitorId: conversation.visitorId,
        position: queued.position,
        target: target.type === 'all' ? 'all' : `${target.type}:${target.id}`,
      });
    }
    if (queued.kind === 'queued' && queue.timeoutMinutes > 0) {
      await this.timers.queueTimeout(workspaceId, conversation.id, queue.timeoutMinutes * 60_000);
    }
    if (queued.kind === 'queued') await this.scheduleLongWait(workspaceId, conversation.id);
    // Capacity may have freed between the failed assignment and the enqueue: draining closes that gap (and
    // tells everyone their position when it moved someone; otherwise the newcomer changed the queue).
    if (!(await this.drain(workspaceId))) await this.broadcastQueuePositions(workspaceId);
  }

  /**
   * Always-on reception: the visitor can always write. Assign to an agent under their limit (online only,
   * or any status, per "assign to"); else the chat waits in the Unassigned pool, which agents see and
   * claim, and which is pulled whenever an agent comes online or frees capacity, in the configured order.
   */
  private async routeAlwaysOn(workspaceId: string, conversation: ConversationDto, plan: RoutingPlan, vip: boolean, lastServedAgentId: string | null): Promise<void> {
    const { alwaysOn } = await this.settings.value(workspaceId, 'mode');
    const outcome = await this.routing.assign(workspaceId, conversation.id, plan, {
      lastServedAgentId,
      requireOnline: alwaysOn.assignTo === 'online_agents',
      waitingIn: 'pool',
    });
    if (outcome.kind === 'assigned') {
      await this.completeAssignment(workspaceId, conversation.id, outcome.agentId, groupOf(outcome.target));
      return;
    }
    const enqueuedAt = Date.now();
    await this.routing.addToPool(workspaceId, { conversationId: conversation.id, visitorId: conversation.visitorId, target: plan.queueTarget, vip, enqueuedAt }, alwaysOn.unassignedOrder);
    await this.conversations.markWaiting(workspaceId, conversation.id, { targetKey: targetKey(plan.queueTarget), enqueuedAt, vip });
    const pooled = await this.conversations.markUnassigned(workspaceId, conversation.id, groupOf(plan.queueTarget));
    if (pooled) {
      this.notifier.toVisitor(conversation.visitorId, 'conversation.updated', pooled);
      this.notifier.toStaff(workspaceId, 'pool.changed', { conversation: pooled, inPool: true });
    }
    // An agent may have freed capacity meanwhile.
    await this.drain(workspaceId);
  }

  /** The Unassigned pool (always-on chats waiting for an agent), oldest first. */
  async unassignedPool(workspaceId: string): Promise<ConversationDto[]> {
    return this.conversations.listOpen(workspaceId, ['unassigned']);
  }

  /** An agent takes a chat from the Unassigned pool (if still there and the agent is online with capacity). */
  async claimFromPool(workspaceId: string, conversationId: string, agentId: string): Promise<ConversationDto> {
    const result = await this.routing.claimFromPool(workspaceId, conversationId, agentId);
    if (result === 'gone') throw new AppError('conflict', 'Someone else took this chat');
    if (result === 'unavailable') throw new AppError('invalid_state', 'Go online or busy, with free capacity, to take a chat');
    const conversation = await this.conversations.get(workspaceId, conversationId);
    await this.completeAssignment(workspaceId, conversationId, agentId, conversation?.groupId ?? null);
    return this.announcePoolExit(workspaceId, conversationId);
  }

  private async announcePoolExit(workspaceId: string, conversationId: string): Promise<ConversationDto> {
    const current = (await this.conversations.get(workspaceId, conversationId))!;
    this.notifier.toStaff(workspaceId, 'pool.changed', { conversation: current, inPool: false });
    return current;
  }

  /** A new submission: tell the workspace's staff (open inboxes show it). */
  notifySubmissionCreated(workspaceId: string, submission: { id: string; number: number; channel: string; createdAt: string }): void {
    this.notifier.toStaff(workspaceId, 'submission.created', { id: submission.id, number: submission.number, channel: submission.channel, createdAt: submission.createdAt });
  }

  /** An agent's reply to a submission reaches the visitor's widget (live, and in their history on return). */
  notifySubmissionReply(visitorId: string, submissionId: string, message: SubmissionMessageDto): void {
    this.notifier.toVisitor(visitorId, 'submission.reply', { submissionId, message });
  }

  // ------------------------------------------------------------------ tags at start (issue 15)

  private tagger?: (workspaceId: string, conversationId: string, names: string[]) => Promise<unknown>;

  /** Plugs in how tags given at chat start are stored (realtime nodes). */
  attachTagger(tagger: (workspaceId: string, conversationId: string, names: string[]) => Promise<unknown>): this {
    this.tagger = tagger;
    return this;
  }

  // ------------------------------------------------------------------ submission (F5)

  private submissions?: SubmissionService;

  /** Plugs in submissions (realtime and worker), so chats that cannot happen can offer the form. */
  attachSubmissions(submissions: SubmissionService): this {
    this.submissions = submissions;
    return this;
  }

  /**
   * Offers the submission form instead of a chat when it applies (real-time mode, enabled, trigger and
   * channel on). The chat itself is closed quietly; the visitor gets the form. False if it does not apply.
   */
  private async offerSubmission(workspaceId: string, conversation: ConversationDto, trigger: SubmissionTrigger): Promise<boolean> {
    const offer = await this.submissions?.offer(workspaceId, conversation.visitorId, conversation.id, conversation.channel, trigger);
    if (!offer) return false;
    await this.routing.release(workspaceId, conversation.id);
    await this.conversations.appendSystemNote(workspaceId, conversation.id, offer.intro);
    const ended = await this.conversations.end(workspaceId, conversation.id, 'system');
    this.notifier.toVisitor(conversation.visitorId, 'notice', { conversationId: conversation.id, kind: 'submission_offered', text: offer.intro, offer });
    if (ended) {
      this.notifier.toVisitor(conversation.visitorId, 'conversation.updated', ended);
      this.monitorConversation(workspaceId, ended);
    }
    return true;
  }

  private async refuse(workspaceId: string, conversation: ConversationDto, kind: 'no_agent' | 'queue_full', text: string) {
    await this.conversations.appendMessage(workspaceId, conversation.id, SYSTEM, text, null);
    const ended = await this.conversations.end(workspaceId, conversation.id, 'system');
    this.notifier.toVisitor(conversation.visitorId, 'notice', { conversationId: conversation.id, kind, text });
    if (ended) this.notifier.toVisitor(conversation.visitorId, 'conversation.updated', ended);
  }

  /** Persists an assignment decided in Redis, tells both sides and starts the reply timer. */
  private async completeAssignment(workspaceId: string, conversationId: string, agentId: string, groupId: string | null): Promise<void> {
    const assigned = await this.conversations.markAssigned(workspaceId, conversationId, agentId, groupId);
    if (!assigned) {
      // Ended while being routed: give the capacity back.
      await this.routing.release(workspaceId, conversationId);
      return;
    }
    await this.routing.markTried(workspaceId, conversationId, agentId);
    this.notifier.joinAgent(agentId, conversationId);
    this.notifier.toAgent(agentId, 'conversation.assigned', assigned);
    this.notifier.toVisitor(assigned.visitorId, 'conversation.updated', assigned);
    this.monitorConversation(workspaceId, assigned);
    const greeting = await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, `${assigned.agentName ?? 'An agent'} joined the chat`, null);
    this.notifier.toConversation(conversationId, 'message', greeting);
    await this.pushPresence(workspaceId, agentId);
    const { autoTransfer } = await this.settings.value(workspaceId, 'assignment');
    if (autoTransfer.enabled) await this.timers.replyTimeout(workspaceId, conversationId, agentId, autoTransfer.seconds * 1000);
    await this.aftercare?.afterAssigned(workspaceId, conversationId);
  }

  /** Assigns waiting conversations to agents with free capacity, best-placed first. */
  async drain(workspaceId: string): Promise<number> {
    const assigned = await this.routing.drain(workspaceId);
    for (const { conversationId, agentId } of assigned) {
      const entry = await this.conversations.get(workspaceId, conversationId);
      await this.completeAssignment(workspaceId, conversationId, agentId, entry?.groupId ?? null);
      if (entry?.status === 'unassigned') await this.announcePoolExit(workspaceId, conversationId);
    }
    if (assigned.length) await this.broadcastQueuePositions(workspaceId);
    return assigned.length;
  }

  // ------------------------------------------------------------------ queue information

  /** Position, estimated wait and the configured message for one queued conversation. */
  async queueStatus(workspaceId: string, conversationId: string, kind: 'enter' | 'update'): Promise<QueueStatus | null> {
    const entry = await this.routing.queueEntry(workspaceId, conversationId);
    const position = entry ? await this.routing.queuePosition(workspaceId, conversationId) : null;
    if (!entry || !position) return null;
    const [queue, agents, durations] = await Promise.all([
      this.settings.value(workspaceId, 'queue'),
      this.routing.snapshot(workspaceId),
      this.routing.recentHandleDurations(workspaceId),
    ]);
    const waitSeconds = estimateWaitSeconds(position, averageHandleSeconds(durations), RoutingEngine.capacityFor(agents, entry.targetKey));
    return { position, waitSeconds, text: fillQueueMessage(kind === 'enter' ? queue.enterMessage : queue.updateMessage, position, waitSeconds) };
  }

  /** Tells every waiting visitor their current position and estimated wait. */
  async broadcastQueuePositions(workspaceId: string): Promise<void> {
    const queues = await this.routing.allQueues(workspaceId);
    await this.monitorQueues(workspaceId, queues);
    // Agents see how many visitors wait (issue 15): one small event per change to every staff socket.
    this.notifier.toStaff(workspaceId, 'queue.length', { waiting: [...queues.values()].reduce((n, q) => n + q.length, 0) });
    if (!queues.size) return;
    const [queue, agents, durations] = await Promise.all([
      this.settings.value(workspaceId, 'queue'),
      this.routing.snapshot(workspaceId),
      this.routing.recentHandleDurations(workspaceId),
    ]);
    const handle = averageHandleSeconds(durations);
    for (const [key, entries] of queues) {
      const capacity = RoutingEngine.capacityFor(agents, key);
      entries.forEach((entry: QueueEntry, index) => {
        const position = index + 1;
        const waitSeconds = estimateWaitSeconds(position, handle, capacity);
        this.notifier.toVisitor(entry.visitorId, 'queue.position', {
          conversationId: entry.conversationId,
          position,
          waitSeconds,
          text: fillQueueMessage(queue.updateMessage, position, waitSeconds),
        });
      });
    }
  }

  // ------------------------------------------------------------------ messages

  async visitorMessage(workspaceId: string, visitorId: string, conversationId: string, body: string, clientMsgId: string, attachmentIds?: string[]): Promise<MessageDto> {
    return this.deliver(workspaceId, conversationId, { type: 'visitor', id: visitorId, name: null }, body, clientMsgId, attachmentIds);
  }

  async agentMessage(workspaceId: string, actor: StaffActor, conversationId: string, body: string, clientMsgId: string, attachmentIds?: string[]): Promise<MessageDto> {
    return this.deliver(workspaceId, conversationId, { type: 'agent', id: actor.id, name: actor.name }, body, clientMsgId, attachmentIds);
  }

  /**
   * The message hot path: screen (cached matcher) and read the recipient's presence (Redis) together,
   * persist in one statement (durable before anyone is told), relay, then the side effects: hits and
   * monitoring (F6, F7) and the end-of-chat timers (F9).
   */
  private async deliver(workspaceId: string, conversationId: string, sender: Sender & { type: 'visitor' | 'agent'; id: string }, body: string, clientMsgId: string, attachmentIds?: string[]): Promise<MessageDto> {
    const side: ModerationSide = sender.type === 'visitor' ? 'customer' : 'agent';
    // F11: only a message with files pays for the attachment checks.
    const link = attachmentIds?.length ? await this.requireAttachments().prepare(workspaceId, conversationId, sender, attachmentIds, clientMsgId) : null;
    const [verdict, offline] = await Promise.all([
      this.screen(workspaceId, conversationId, side, sender.id, body),
      this.recipientOffline(workspaceId, conversationId, sender.type),
    ]);
    const stored = await this.conversations.appendMessage(workspaceId, conversationId, sender, verdict.body, clientMsgId, { offline });
    const message = link ? await link(stored, offline) : stored;
    this.notifier.toConversation(conversationId, 'message', message);
    await Promise.all([this.afterMessage(workspaceId, message, verdict, side, sender.id), this.aftercare?.afterMessage(workspaceId, message)]);
    return message;
  }

  /**
   * F10 offline messages: a message is "offline" when the other side has no connected socket as it is sent.
   * Visitor -> agent: the chat's agent has no socket (routing presence), or it sits in the unassigned pool.
   * Agent -> visitor: no socket of the visitor on a live node. A queued chat is not offline (it is waiting).
   */
  private async recipientOffline(workspaceId: string, conversationId: string, sender: 'visitor' | 'agent'): Promise<boolean> {
    // Presence lives in Redis: no database read on the message path.
    if (sender === 'visitor') return this.routing.agentSideOffline(workspaceId, conversationId);
    const visitorId = await this.visitorOf(workspaceId, conversationId);
    return visitorId !== null && !(await this.routing.visitorConnected(workspaceId, visitorId));
  }

  /** A conversation's visitor never changes, so it is cached per process (bounded). */
  private readonly visitorByConversation = new Map<string, string>();
  private async visitorOf(workspaceId: string, conversationId: string): Promise<string | null> {
    const cached = this.visitorByConversation.get(conversationId);
    if (cached) return cached;
    const who = await this.conversations.participants(workspaceId, conversationId);
    if (!who) return null;
    if (this.visitorByConversation.size >= 50_000) this.visitorByConversation.delete(this.visitorByConversation.keys().next().value!);
    this.visitorByConversation.set(conversationId, who.visitorId);
    return who.visitorId;
  }

  // ------------------------------------------------------------------ end

  /** Ends a conversation (idempotent): leaves the queue or frees the agent's capacity, and lets the queue move. */
  async endConversation(workspaceId: string, conversationId: string, endedBy: EndedBy, prompt?: { kind: 'ended' | 'timed_out'; text: string }): Promise<ConversationDto> {
    const ended = await this.conversations.end(workspaceId, conversationId, endedBy);
    if (!ended) {
      const existing = await this.conversations.get(workspaceId, conversationId);
      if (!existing) throw new AppError('not_found', 'Conversation not found');
      return existing;
    }
    const agentId = await this.routing.release(workspaceId, conversationId);
    if (ended.assignedAt && ended.endedAt) {
      await this.routing.recordHandled(workspaceId, (Date.parse(ended.endedAt) - Date.parse(ended.assignedAt)) / 1000);
    }
    const note = await this.conversations.appendSystemNote(workspaceId, conversationId, `Chat ended by ${endedBy}`);
    this.notifier.toConversation(conversationId, 'message', note);
    this.notifier.toConversation(conversationId, 'conversation.updated', ended);
    this.monitorConversation(workspaceId, ended);
    // F9: the channel's chat-ended prompt (or the caller's, e.g. "customer timed out"); F8: maybe invite a rating.
    const text = prompt?.text ?? endOfChatFor(await this.settings.value(workspaceId, 'endOfChat'), ended.channel).chatEndedPrompt;
    if (text) this.notifier.toVisitor(ended.visitorId, 'notice', { conversationId, kind: prompt?.kind ?? 'ended', text });
    await this.aftercare?.afterEnded(workspaceId, ended);
    if (agentId) {
      this.notifier.leaveAgent(agentId, conversationId);
      await this.pushPresence(workspaceId, agentId);
    }
    // A freed agent takes the next waiting chat (drain then tells everyone their new position); a chat that
    // was itself waiting left the queue, so the others move up.
    const moved = agentId ? await this.drain(workspaceId) : 0;
    if (!moved) await this.broadcastQueuePositions(workspaceId);
    return ended;
  }

  // ------------------------------------------------------------------ transfer

  /**
   * Moves a chat to another agent, or to the best available agent of a group. Capacity moves atomically
   * in Redis; refused with `invalid_state` when nobody there can take it.
   */
  async transfer(workspaceId: string, conversationId: string, fromAgentId: string, to: Extract<RoutingTarget, { type: 'agent' | 'group' }>, exclude: ReadonlySet<string> = new Set()): Promise<ConversationDto> {
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'active' || conversation.agentId !== fromAgentId) {
      throw new AppError('invalid_state', 'Only an active chat of its current agent can be transferred');
    }
    if (to.type === 'agent' && to.id === fromAgentId) throw new AppError('bad_request', 'The chat is already yours');
    const skip = new Set([...exclude, fromAgentId]);
    const candidates = to.type === 'agent' ? [to.id] : (await this.routing.bestAgentFor(workspaceId, to, skip)).map((a) => a.id);
    for (const candidate of candidates) {
      if (skip.has(candidate) && to.type === 'group') continue;
      if (!(await this.routing.transfer(workspaceId, conversationId, fromAgentId, candidate))) continue;
      const moved = await this.conversations.reassign(workspaceId, conversationId, fromAgentId, candidate, to.type === 'group' ? to.id : null);
      if (!moved) {
        // The chat ended or moved meanwhile: undo the capacity move.
        await this.routing.transfer(workspaceId, conversationId, candidate, fromAgentId);
        throw new AppError('invalid_state', 'The chat changed while transferring; try again');
      }
      await this.routing.markTried(workspaceId, conversationId, candidate);
      this.notifier.leaveAgent(fromAgentId, conversationId);
      this.notifier.joinAgent(candidate, conversationId);
      this.notifier.toAgent(candidate, 'conversation.assigned', moved);
      this.notifier.toAgent(fromAgentId, 'conversation.updated', moved);
      this.notifier.toVisitor(moved.visitorId, 'conversation.updated', moved);
      this.monitorConversation(workspaceId, moved);
      const note = await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, `Chat transferred to ${moved.agentName ?? 'another agent'}`, null);
      this.notifier.toConversation(conversationId, 'message', note);
      await Promise.all([this.pushPresence(workspaceId, fromAgentId), this.pushPresence(workspaceId, candidate)]);
      const { autoTransfer } = await this.settings.value(workspaceId, 'assignment');
      if (autoTransfer.enabled) await this.timers.replyTimeout(workspaceId, conversationId, candidate, autoTransfer.seconds * 1000);
      await this.drain(workspaceId);
      return moved;
    }
    throw new AppError('invalid_state', to.type === 'agent' ? 'That agent is not online or has no free capacity' : 'No agent of that group is online with free capacity');
  }

  // ------------------------------------------------------------------ timers (called by the worker)

  /** A queued chat waited too long: per settings, end it with a message or offer the submission form. */
  async onQueueTimeout(workspaceId: string, conversationId: string): Promise<'ended' | 'not_queued'> {
    if (!(await this.routing.leaveQueue(workspaceId, conversationId))) return 'not_queued';
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'queued') return 'not_queued';
    const queue = await this.settings.value(workspaceId, 'queue');
    if (queue.timeoutAction === 'offer_submission' && (await this.offerSubmission(workspaceId, conversation, 'queue_timeout'))) {
      await this.broadcastQueuePositions(workspaceId);
      return 'ended';
    }
    await this.conversations.appendMessage(workspaceId, conversationId, SYSTEM, queue.timeoutMessage, null);
    this.notifier.toVisitor(conversation.visitorId, 'notice', {
      conversationId,
      kind: 'queue_timeout',
      text: queue.timeoutMessage,
    });
    await this.endConversation(workspaceId, conversationId, 'system', { kind: 'ended', text: '' });
    return 'ended';
  }

  /** The agent did not reply in time: hand the chat to another agent who has not had it yet. */
  async onReplyTimeout(workspaceId: string, conversationId: string, agentId: string): Promise<'transferred' | 'replied' | 'stale' | 'no_agent'> {
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'active' || conversation.agentId !== agentId || !conversation.assignedAt) return 'stale';
    if (await this.conversations.agentRepliedSince(workspaceId, conversationId, agentId, new Date(conversation.assignedAt))) return 'replied';
    await this.alertReplyTimeout(workspaceId, conversation, agentId);
    const tried = await this.routing.triedAgents(workspaceId, conversationId);
    const target: Extract<RoutingTarget, { type: 'group' }> | { type: 'all' } = conversation.groupId ? { type: 'group', id: conversation.groupId } : { type: 'all' };
    const candidates = (await this.routing.bestAgentFor(workspaceId, target, new Set([...tried, agentId]))).map((a) => a.id);
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

  // ------------------------------------------------------------------ agents

  /** Registers an agent's routing profile (limit override or workspace default, groups). */
  async registerAgent(workspaceId: string, agent: RoutingProfile): Promise<AgentPresence> {
    if (!agent.active) {
      await this.routing.removeAgent(workspaceId, agent.id);
      return { status: 'offline', load: 0, limit: 0 };
    }
    const { defaultReceptionLimit } = await this.settings.value(workspaceId, 'assignment');
    await this.routing.upsertAgent(workspaceId, { id: agent.id, limit: agent.receptionLimit ?? defaultReceptionLimit, groupIds: agent.groupIds });
    return this.presence(workspaceId, agent.id);
  }

  /** After a console change (limit, groups, active, workspace default): apply it at once and let the queue move. */
  async refreshAgents(workspaceId: string, agents: RoutingProfile[]): Promise<void> {
    for (const agent of agents) {
      await this.registerAgent(workspaceId, agent);
      await this.pushPresence(workspaceId, agent.id);
    }
    await this.drain(workspaceId);
  }

  disconnectAgent(agentId: string): void {
    this.notifier.disconnectAgent(agentId);
  }

  async setAgentStatus(workspaceId: string, agentId: string, status: AgentStatus, reason = 'agent'): Promise<AgentPresence> {
    const previous = (await this.routing.agent(workspaceId, agentId))?.status ?? null;
    await this.routing.setStatus(workspaceId, agentId, status);
    // No row changes with a status switch (presence lives in Redis): the event is written on its own, and the
    // status log keeps the latest choice for a rebuild of lost Redis state (routing/recovery.ts).
    if (previous !== status) {
      await this.conversations.recordEvent(workspaceId, 'agent.status_changed', { agentId, status, previous });
      await this.conversations.recordAgentStatus(workspaceId, agentId, status, reason);
    }
    const presence = await this.pushPresence(workspaceId, agentId);
    // Going online may pull chats from the queue: answer with the load after that, not before (the ack
    // would otherwise overwrite the live `presence` with "0 / limit").
    if (status === 'online' && (await this.drain(workspaceId))) return this.presence(workspaceId, agentId);
    return presence;
  }

  async presence(workspaceId: string, agentId: string): Promise<AgentPresence> {
    const agent = await this.routing.agent(workspaceId, agentId);
    return { status: agent?.status ?? 'offline', load: agent?.load ?? 0, limit: agent?.limit ?? 0 };
  }

  private async pushPresence(workspaceId: string, agentId: string): Promise<AgentPresence> {
    const presence = await this.presence(workspaceId, agentId);
    this.notifier.toAgent(agentId, 'presence', presence);
    this.notifier.toMonitor?.(workspaceId, 'monitor.agent', { id: agentId, ...presence });
    return presence;
  }

  // ------------------------------------------------------------------ moderation and monitoring (F6, F7)

  private moderation?: ModerationService;
  private monitoring?: MonitoringService;

  /** Plugs in sensitive-word screening (realtime nodes) and alert storage (realtime and worker). */
  attachMonitoring(parts: { moderation?: ModerationService; monitoring?: MonitoringService }): this {
    this.moderation = parts.moderation ?? this.moderation;
    this.monitoring = parts.monitoring ?? this.monitoring;
    return this;
  }

  /** Screens a message with the sender side's word list (cached matcher). `block` records the hit and refuses the message. */
  private async screen(workspaceId: string, conversationId: string, side: ModerationSide, senderId: string, body: string): Promise<Verdict> {
    const verdict = this.moderation ? await this.moderation.screen(workspaceId, side, body) : { action: null, words: [], body };
    if (verdict.action === 'block') {
      await this.raiseHits(workspaceId, conversationId, null, side, senderId, verdict);
      throw new AppError('blocked', `Your message contains a word that is not allowed: ${verdict.words.join(', ')}`, { words: verdict.words });
    }
    return verdict;
  }

  /** After a delivered message: record hits (mask/alert), raise them to monitoring, update the dashboard's last message. */
  private async afterMessage(workspaceId: string, message: MessageDto, verdict: Verdict, side: ModerationSide, senderId: string): Promise<void> {
    if (verdict.action) await this.raiseHits(workspaceId, message.conversationId, message.id, side, senderId, verdict);
    this.monitorActivity(workspaceId, {
      conversationId: message.conversationId,
      lastMessage: { senderType: message.senderType, senderName: message.senderName, body: (message.body || attachmentSummary(message)).slice(0, 200), createdAt: message.createdAt },
    });
  }

  /**
   * The dashboard's "last message" per conversation, at most one update per conversation per second (the
   * latest one is sent when the second is over): a busy chat does not cost a broadcast per message.
   */
  private readonly activityThrottle = new Map<string, { timer: ReturnType<typeof setTimeout>; pending: MonitorEvents['monitor.activity'] | null }>();
  private monitorActivity(workspaceId: string, activity: MonitorEvents['monitor.activity']): void {
    if (!this.notifier.toMonitor) return;
    const throttled = this.activityThrottle.get(activity.conversationId);
    if (throttled) {
      throttled.pending = activity;
      return;
    }
    this.notifier.toMonitor(workspaceId, 'monitor.activity', activity);
    const entry = {
      pending: null as MonitorEvents['monitor.activity'] | null,
      timer: setTimeout(() => {
        this.activityThrottle.delete(activity.conversationId);
        if (entry.pending) this.monitorActivity(workspaceId, entry.pending);
      }, ACTIVITY_THROTTLE_MS),
    };
    entry.timer.unref?.();
    this.activityThrottle.set(activity.conversationId, entry);
  }

  /** Drops pending dashboard updates (process shutdown): their timers must not fire on closed connections. */
  dispose(): void {
    for (const { timer } of this.activityThrottle.values()) clearTimeout(timer);
    this.activityThrottle.clear();
  }

  private async raiseHits(workspaceId: string, conversationId: string, messageId: string | null, side: ModerationSide, senderId: string, verdict: Verdict): Promise<void> {
    if (!this.monitoring || !verdict.action) return;
    const alerts = await this.monitoring.recordHits(workspaceId, { conversationId, messageId, side, senderId, words: verdict.words, action: verdict.action });
    for (const alert of alerts) this.notifier.toMonitor?.(workspaceId, 'monitor.alert', alert);
  }

  private async raiseAlert(workspaceId: string, alert: Parameters<MonitoringService['recordAlert']>[1]): Promise<void> {
    if (!this.monitoring) return;
    this.notifier.toMonitor?.(workspaceId, 'monitor.alert', await this.monitoring.recordAlert(workspaceId, alert));
  }

  private monitorConversation(workspaceId: string, conversation: ConversationDto): void {
    this.notifier.toMonitor?.(workspaceId, 'monitor.conversation', conversation);
  }

  private async monitorQueues(workspaceId: string, queues: Map<string, QueueEntry[]>): Promise<void> {
    if (this.monitoring && this.notifier.toMonitor) this.notifier.toMonitor(workspaceId, 'monitor.queues', { queues: await this.monitoring.queueStats(workspaceId, queues) });
  }

  /** Timer (worker): a chat still queued after the monitoring threshold raises a long-wait alert. */
  async onLongWait(workspaceId: string, conversationId: string, seconds: number): Promise<'alerted' | 'not_queued'> {
    const conversation = await this.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'queued') return 'not_queued';
    const minutes = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
    await this.raiseAlert(workspaceId, { conversationId, kind: 'long_wait', text: `${conversation.visitorName ?? 'A visitor'} has waited in the queue for over ${minutes}`, detail: { seconds } });
    return 'alerted';
  }

  private async scheduleLongWait(workspaceId: string, conversationId: string): Promise<void> {
    if (!this.timers.longWait) return;
    const { longWaitSeconds } = await this.settings.value(workspaceId, 'monitoring');
    if (longWaitSeconds > 0) await this.timers.longWait(workspaceId, conversationId, longWaitSeconds * 1000, longWaitSeconds);
  }

  private async alertReplyTimeout(workspaceId: string, conversation: ConversationDto, agentId: string): Promise<void> {
    const [{ replyTimeoutAlerts }, { autoTransfer }] = await Promise.all([this.settings.value(workspaceId, 'monitoring'), this.settings.value(workspaceId, 'assignment')]);
    if (!replyTimeoutAlerts) return;
    await this.raiseAlert(workspaceId, {
      conversationId: conversation.id,
      kind: 'reply_timeout',
      agentId,
      text: `${conversation.agentName ?? 'The agent'} did not reply to ${conversation.visitorName ?? 'a visitor'} within ${autoTransfer.seconds} s`,
      detail: { seconds: autoTransfer.seconds },
    });
  }

  // ------------------------------------------------------------------ attachments (F11)

  private attachments?: AttachmentService;

  /** Plugs in attachments (realtime nodes): messages may then carry uploaded files. */
  attachAttachments(attachments: AttachmentService): this {
    this.attachments = attachments;
    return this;
  }

  private requireAttachments(): AttachmentService {
    if (!this.attachments) throw new AppError('invalid_state', 'Files cannot be sent here');
    return this.attachments;
  }

  // ------------------------------------------------------------------ aftercare: end-of-chat timers, ratings (F8, F9)

  private aftercare?: ChatAftercare;

  /** Plugs in end-of-chat timers and satisfaction invitations (realtime, worker and web). */
  attachAftercare(aftercare: ChatAftercare): this {
    this.aftercare = aftercare;
    return this;
  }
}

/** "📎 photo.jpg" for a message that is only files (dashboard previews). */
function attachmentSummary(message: MessageDto): string {
  return message.attachments?.length ? `📎 ${message.attachments.map((a) => a.name).join(', ')}` : '';
}

function groupOf(target: RoutingTarget): string | null {
  return target.type === 'group' ? target.id : null;
}
