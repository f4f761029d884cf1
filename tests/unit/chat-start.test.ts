import { describe, expect, it } from 'vitest';
import { Assignments } from '../../src/domain/chat/assignment';
import type { StaffDirectory } from '../../src/domain/chat/directory';
import { ChatOffers } from '../../src/domain/chat/offers';
import { PresenceFeed } from '../../src/domain/chat/presence';
import { ChatStarts } from '../../src/domain/chat/start';
import type { CustomerService } from '../../src/domain/crm/service';
import { WaitingChats } from '../../src/domain/queue/service';
import type { RoutingPlan } from '../../src/domain/routing/rules';
import type { SubmissionService } from '../../src/domain/submissions/service';
import type { TagService } from '../../src/domain/tags/service';
import { conversation, ports } from './fakes/chat';

/** ChatStarts over in-memory ports; routing either finds `agentId` or nobody. */
function starts(options: { agentId?: string; queueEnabled?: boolean; mode?: 'realtime' | 'always_on' } = {}) {
  const p = ports();
  const calls: string[] = [];
  const conversations = Object.assign(p.conversations, {
    start: async (_w: string, visitorId: string, fields: { channel: 'desktop' | 'mobile' | 'app'; entryUrl: string | null; mode: string }) => {
      const c = p.conversations.add(conversation({ visitorId, channel: fields.channel, entryUrl: fields.entryUrl, mode: options.mode ?? 'realtime' }));
      return { conversation: c, created: true };
    },
    visitorProfile: async () => ({ vip: false, tags: [] }),
    lastServedAgent: async () => null,
    markUnassigned: async () => null,
  });
  const plans: RoutingPlan[] = [];
  Object.assign(p.routing, {
    assign: async (_w: string, _c: string, plan: RoutingPlan) => {
      plans.push(plan);
      return options.agentId ? { kind: 'assigned', agentId: options.agentId, target: { type: 'all' } } : { kind: 'no_agent' };
    },
    enqueue: async (_w: string, entry: { conversationId: string; visitorId: string }) => {
      p.routing.wait({ conversationId: entry.conversationId, visitorId: entry.visitorId });
      return { kind: 'queued', position: 1 };
    },
    addToPool: async () => true,
  });
  if (options.agentId) p.routing.addAgent(options.agentId, 'online', 2);
  p.routing.addAgent('helper', 'online', 0);
  const presence = new PresenceFeed(p.ports.routing, p.events);
  const assignments = new Assignments(p.ports, presence);
  const queue = new WaitingChats(p.ports, assignments);
  const submissions = { offer: async () => null, clearOffer: async (_w: string, v: string) => void calls.push(`clearOffer:${v}`) } as unknown as SubmissionService;
  const offers = new ChatOffers(p.ports, submissions);
  const directory = { exists: async (_w: string, t: { id: string }) => t.id === 'known-agent' } as unknown as StaffDirectory;
  const tags = { knownNames: async (_w: string, names: string[]) => names.filter((n) => n === 'vip'), tagAtStart: async (_w: string, c: string, names: string[]) => void calls.push(`tag:${c}:${names}`) } as unknown as TagService;
  const customers = { linkConversation: async (_w: string, c: string) => void calls.push(`link:${c}`) } as unknown as CustomerService;
  // No pre-chat form in these cases (its checks and the group it designates: tests/integration/widget-prechat.test.ts).
  const prechat = { beforeStart: async () => null };
  return { ...p, conversations, calls, plans, starts: new ChatStarts(p.ports, queue, assignments, offers, { directory, tags, customers, prechat }) };
}

describe('starting a chat from the widget', () => {
  it('assigns to the routed agent, links the customer, clears a pending offer, and publishes started after assigned', async () => {
    const s = starts({ agentId: 'a1' });
    const result = await s.starts.startFromWidget('ws', 'v1', { channel: 'desktop', entryUrl: 'https://shop.example/', tags: ['vip', 'unknown'] });
    expect(result.conversation).toMatchObject({ status: 'active', agentId: 'a1' });
    expect(result.queue).toBeNull();
    expect(s.calls).toEqual([`tag:${result.conversation.id}:vip`, `link:${result.conversation.id}`, 'clearOffer:v1']);
    expect(s.events.published.map((e) => e.type)).toEqual(['conversation.assigned', 'agent.presence', 'conversation.started']);
    expect(s.notifier.events('conversation.assigned').map((e) => e.id)).toEqual(['a1']);
    expect(s.timers.calls).toEqual([]); // auto-transfer is off by default
  });

  it('ignores a designation outside the workspace, and honours one inside it', async () => {
    const s = starts({ agentId: 'a1' });
    await s.starts.startFromWidget('ws', 'v1', { channel: 'desktop', designated: { type: 'agent', id: 'stranger', mode: 'must' } });
    await s.starts.startFromWidget('ws', 'v2', { channel: 'desktop', designated: { type: 'agent', id: 'known-agent', mode: 'must' } });
    expect(s.plans[0].steps[0].target).toEqual({ type: 'all' });
    expect(s.plans[1].steps[0].target).toEqual({ type: 'agent', id: 'known-agent' });
  });

  it('nobody free: the chat is queued, with its queue timer, its webhook event and the enter message', async () => {
    const s = starts();
    const result = await s.starts.startFromWidget('ws', 'v1', { channel: 'mobile' });
    expect(result.conversation.status).toBe('queued');
    expect(result.queue).toMatchObject({ position: 1 });
    expect(s.conversations.webhookEvents.map((e) => e.type)).toEqual(['conversation.queued']);
    expect(s.events.published.map((e) => e.type)).toEqual(['conversation.queued', 'queue.changed', 'conversation.started']);
    // The newcomer changed the queue: one broadcast of positions.
    expect(s.notifier.events('queue.position')).toHaveLength(1);
  });
});
