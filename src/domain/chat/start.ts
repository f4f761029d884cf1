import type { Channel } from '../../db/schema';
import type { ConversationDto } from '../conversations/types';
import type { CustomerService } from '../crm/service';
import type { WaitingChats } from '../queue/service';
import { buildPlan, type RoutingPlan } from '../routing/rules';
import { servesTarget } from '../routing/strategies';
import type { RoutingTarget } from '../settings/schemas';
import type { TagService } from '../tags/service';
import type { GreetingService } from '../greetings/service';
import type { PrechatInput, PrechatService } from '../widget/prechat';
import { isTargetOpen } from '../workinghours/schedule';
import type { Assignments } from './assignment';
import type { StaffDirectory } from './directory';
import type { ChatOffers } from './offers';
import type { ChatPorts } from './ports';
import { groupOf, type StartInput, type StartResult } from './types';

/** A chat start as the widget asks for it (already parsed): the designation and tags are not trusted yet. */
export interface WidgetStart {
  channel: Channel;
  entryUrl?: string | null;
  designated?: { type: 'agent' | 'group'; id: string; mode: 'must' | 'may' } | null;
  tags?: string[];
  /** Pre-chat form answers, checked against the workspace's form before the chat starts. */
  prechat?: PrechatInput;
}

/** Starting a chat and routing it: real-time (plan, working hours, queue, offers) and always-on (pool). */
export class ChatStarts {
  constructor(
    private readonly ports: ChatPorts,
    private readonly queue: WaitingChats,
    private readonly assignments: Assignments,
    private readonly offers: ChatOffers,
    private readonly parts: { directory: StaffDirectory; tags: TagService; customers: CustomerService; prechat: Pick<PrechatService, 'beforeStart'>; greetings?: Pick<GreetingService, 'attachToConversation'> },
  ) {}

  /**
   * The widget's `chat.start`: an embed may only designate an agent or group of its own workspace and
   * only name existing tags (anything else is ignored); the chat is linked to the visitor's customer
   * record, and a pending leave-a-message offer is dropped once the visitor chats or waits after all.
   */
  async startFromWidget(workspaceId: string, visitorId: string, input: WidgetStart): Promise<StartResult> {
    const { directory, tags, customers, prechat } = this.parts;
    // Pre-chat form (issue 14): required answers checked and saved first; a chosen group designates the chat.
    const chosen = await prechat.beforeStart(workspaceId, visitorId, input.prechat);
    const designated = chosen ?? (input.designated && (await directory.exists(workspaceId, input.designated))
      ? { target: { type: input.designated.type, id: input.designated.id }, mode: input.designated.mode }
      : null);
    const known = input.tags?.length ? await tags.knownNames(workspaceId, input.tags) : [];
    const result = await this.startConversation(workspaceId, visitorId, { channel: input.channel, entryUrl: input.entryUrl ?? null, designated, tags: known });
    await customers.linkConversation(workspaceId, result.conversation.id);
    if (result.conversation.status !== 'ended') await this.offers.clearOffer(workspaceId, visitorId);
    return result;
  }

  /** Starts (or resumes) the visitor's conversation and routes it. */
  async startConversation(workspaceId: string, visitorId: string, input: StartInput): Promise<StartResult> {
    const { settings, conversations, events } = this.ports;
    const { mode } = await settings.value(workspaceId, 'mode');
    const { conversation, created } = await conversations.start(workspaceId, visitorId, { channel: input.channel, entryUrl: input.entryUrl, mode });
    // Tags given at start are stored before routing, so the assignment event already carries them.
    if (created && input.tags?.length) await this.parts.tags.tagAtStart(workspaceId, conversation.id, input.tags);
    // A proactive greeting the visitor answers is the chat's first message, before routing adds its own.
    if (created) await this.parts.greetings?.attachToConversation(workspaceId, visitorId, conversation.id);
    if (created) await this.route(workspaceId, conversation, input);
    const current = (await conversations.get(workspaceId, conversation.id))!;
    if (created) await events.publish('conversation.started', { workspaceId, conversation: current });
    return {
      conversation: current,
      messages: await conversations.history(workspaceId, current.id),
      queue: current.status === 'queued' ? await this.queue.status(workspaceId, current.id, 'enter') : null,
    };
  }

  /**
   * Real-time reception: walk the routing plan (matched rule, overflow chain; targets outside working
   * hours are skipped); else queue behind anyone already waiting for that target; where chatting is not
   * possible (outside working hours, nobody online, queue off or full) offer the submission form if it
   * applies, else tell the visitor and end the chat. Always-on reception goes to `routeAlwaysOn`.
   */
  private async route(workspaceId: string, conversation: ConversationDto, input: StartInput): Promise<void> {
    const { settings, conversations, routing } = this.ports;
    const [assignment, queue, mode, profile, workingHours] = await Promise.all([
      settings.value(workspaceId, 'assignment'),
      settings.value(workspaceId, 'queue'),
      settings.value(workspaceId, 'mode'),
      conversations.visitorProfile(workspaceId, conversation.visitorId),
      settings.value(workspaceId, 'workingHours'),
    ]);
    const plan = buildPlan(assignment.rules, assignment.defaultRule, {
      channel: input.channel,
      entryUrl: input.entryUrl,
      vip: profile.vip,
      // "Visitor is tagged": the visitor's CRM tags and the conversation's tags given at start.
      tags: [...profile.tags, ...(input.tags ?? [])],
      designated: input.designated,
    });
    const lastServedAgentId = plan.lastServedMinutes ? await conversations.lastServedAgent(workspaceId, conversation.visitorId, conversation.id, plan.lastServedMinutes) : null;
    if (conversation.mode === 'always_on') return this.routeAlwaysOn(workspaceId, conversation, plan, profile.vip, lastServedAgentId);
    const now = new Date();
    const isOpen = (target: RoutingTarget) => isTargetOpen(workingHours, target, now);
    if (!plan.steps.some((step) => isOpen(step.target))) {
      if (!(await this.offers.offerSubmission(workspaceId, conversation, 'outside_working_hours'))) await this.offers.refuse(workspaceId, conversation, 'no_agent', mode.noAgentNotice);
      return;
    }
    const outcome = await routing.assign(workspaceId, conversation.id, plan, { lastServedAgentId, isTargetOpen: isOpen });
    if (outcome.kind === 'assigned') return this.assignments.complete(workspaceId, conversation.id, outcome.agentId, groupOf(outcome.target));
    const agents = await routing.snapshot(workspaceId);
    const anyoneOnline = agents.some((a) => a.status === 'online' && plan.steps.some((step) => isOpen(step.target) && servesTarget(a, step.target)));
    if (!anyoneOnline && (await this.offers.offerSubmission(workspaceId, conversation, 'no_agent_online'))) return;
    if (!queue.enabled) {
      if (!(await this.offers.offerSubmission(workspaceId, conversation, anyoneOnline ? 'queue_full' : 'no_agent_online'))) await this.offers.refuse(workspaceId, conversation, 'no_agent', mode.noAgentNotice);
      return;
    }
    const queued = await this.queue.enqueue(workspaceId, conversation, plan.queueTarget, profile.vip);
    if (queued.kind === 'full') {
      if (!(await this.offers.offerSubmission(workspaceId, conversation, 'queue_full'))) await this.offers.refuse(workspaceId, conversation, 'queue_full', queue.fullMessage);
      return;
    }
    // Capacity may have freed between the failed assignment and the enqueue: draining closes that gap (and
    // tells everyone their position when it moved someone; otherwise the newcomer changed the queue).
    await this.queue.settle(workspaceId, { queueChanged: true, capacityFreed: true });
  }

  /**
   * Always-on reception: the visitor can always write. Assign to an agent under their limit (online only,
   * or any status, per "assign to"); else the chat waits in the Unassigned pool, which agents see and
   * claim, and which is pulled whenever an agent comes online or frees capacity, in the configured order.
   */
  private async routeAlwaysOn(workspaceId: string, conversation: ConversationDto, plan: RoutingPlan, vip: boolean, lastServedAgentId: string | null): Promise<void> {
    const { alwaysOn } = await this.ports.settings.value(workspaceId, 'mode');
    const outcome = await this.ports.routing.assign(workspaceId, conversation.id, plan, { lastServedAgentId, requireOnline: alwaysOn.assignTo === 'online_agents', waitingIn: 'pool' });
    if (outcome.kind === 'assigned') return this.assignments.complete(workspaceId, conversation.id, outcome.agentId, groupOf(outcome.target));
    await this.queue.addToPool(workspaceId, conversation, plan.queueTarget, vip);
    // An agent may have freed capacity meanwhile.
    await this.queue.settle(workspaceId, { capacityFreed: true });
  }
}
