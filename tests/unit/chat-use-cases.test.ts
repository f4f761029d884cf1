import { describe, expect, it, vi } from 'vitest';
import type { AttachmentService } from '../../src/domain/attachments/service';
import { Assignments } from '../../src/domain/chat/assignment';
import { ChatEvents } from '../../src/domain/chat/events';
import { ChatLifecycle } from '../../src/domain/chat/lifecycle';
import { ChatMessages } from '../../src/domain/chat/messages';
import { MonitorFeed } from '../../src/domain/chat/monitor-feed';
import { ChatOffers } from '../../src/domain/chat/offers';
import { AgentAvailability, PresenceFeed } from '../../src/domain/chat/presence';
import type { ModerationService, Verdict } from '../../src/domain/moderation/service';
import type { MonitoringService } from '../../src/domain/monitoring/service';
import { WaitingChats } from '../../src/domain/queue/service';
import type { SubmissionService } from '../../src/domain/submissions/service';
import { isAppError } from '../../src/lib/errors';
import { conversation, FakeNotifier, FakeTimers, fakeSettings, ports } from './fakes/chat';

const noOffer = { offer: async () => null, clearOffer: async () => {} } as unknown as SubmissionService;

/** The chat core's use cases over in-memory ports (the same wiring as domain/chat/service.ts). */
function core(options: { verdict?: Verdict; settings?: Parameters<typeof fakeSettings>[0] } = {}) {
  const p = ports({ settings: fakeSettings(options.settings) });
  const presence = new PresenceFeed(p.ports.routing, p.events);
  const assignments = new Assignments(p.ports, presence);
  const queue = new WaitingChats(p.ports, assignments);
  const offers = new ChatOffers(p.ports, noOffer);
  const moderation = { screen: async (_w: string, _side: string, body: string) => options.verdict ?? { action: null, words: [], body } } as unknown as ModerationService;
  return {
    ...p,
    queue,
    assignments,
    lifecycle: new ChatLifecycle(p.ports, queue, presence, offers),
    messages: new ChatMessages(p.ports, moderation, {} as AttachmentService),
    agents: new AgentAvailability(p.ports, presence, queue),
  };
}

describe('messages: send, screen, deliver', () => {
  it('stores, publishes message.created, and the socket feed relays it to the conversation', async () => {
    const c = core();
    const chat = c.conversations.add(conversation({ status: 'active', agentId: 'a1' }));
    const message = await c.messages.visitorMessage('ws', chat.visitorId, chat.id, 'Hello', 'k1');
    expect(c.notifier.sent).toEqual([{ to: 'conversation', id: chat.id, event: 'message', payload: message }]);
    expect(c.events.published).toEqual([{ type: 'message.created', event: { workspaceId: 'ws', message } }]);
  });

  it('a masked word: the masked body is stored and the hit is published with the message id', async () => {
    const c = core({ verdict: { action: 'mask', words: ['darn'], body: 'Oh ****' } });
    const chat = c.conversations.add(conversation({ status: 'active', agentId: 'a1' }));
    const message = await c.messages.agentMessage('ws', { id: 'a1', name: 'Ann', role: 'agent' }, chat.id, 'Oh darn', 'k1');
    expect(message.body).toBe('Oh ****');
    expect(c.events.published.map((e) => e.type)).toEqual(['message.created', 'sensitive_word.hit']);
    expect(c.notifier.sent).toEqual([{ to: 'conversation', id: chat.id, event: 'message', payload: message }]);
    expect(c.events.of('sensitive_word.hit')[0].event).toMatchObject({ messageId: message.id, side: 'agent', senderId: 'a1' });
  });

  it('a blocked word: nothing is stored or relayed, the hit is published without a message, the sender gets `blocked`', async () => {
    const c = core({ verdict: { action: 'block', words: ['evil'], body: 'evil' } });
    const chat = c.conversations.add(conversation({ status: 'active', agentId: 'a1' }));
    const error = await c.messages.visitorMessage('ws', chat.visitorId, chat.id, 'evil', 'k1').catch((e) => e);
    expect(isAppError(error) && error.code).toBe('blocked');
    expect(c.conversations.messages).toEqual([]);
    expect(c.notifier.sent).toEqual([]);
    expect(c.events.published).toEqual([{ type: 'sensitive_word.hit', event: expect.objectContaining({ messageId: null, side: 'customer' }) }]);
  });
});

describe('lifecycle: end', () => {
  it('frees the agent, tells both sides, publishes conversation.ended, and lets the queue move (one broadcast)', async () => {
    const c = core();
    c.routing.addAgent('a1', 'online', 1, 1);
    const chat = c.conversations.add(conversation({ status: 'active', agentId: 'a1', assignedAt: new Date(Date.now() - 60_000).toISOString() }));
    c.routing.assigned.set(chat.id, 'a1');
    const waiting = c.conversations.add(conversation());
    c.routing.wait({ conversationId: waiting.id, visitorId: waiting.visitorId });

    const ended = await c.lifecycle.endConversation('ws', chat.id, 'agent');
    expect(ended.status).toBe('ended');
    expect(c.notifier.left).toEqual([`a1:${chat.id}`]);
    expect(c.events.of('conversation.ended')).toHaveLength(1);
    // Through the socket feed: the system note, then the ended state, to the conversation's sockets.
    expect(c.notifier.sent.slice(0, 2).map((s) => [s.to, s.id, s.event])).toEqual([['conversation', chat.id, 'message'], ['conversation', chat.id, 'conversation.updated']]);
    // The freed agent took the waiting chat at once; positions were broadcast exactly once.
    expect(c.conversations.byId.get(waiting.id)).toMatchObject({ status: 'active', agentId: 'a1' });
    expect(c.notifier.events('queue.length')).toHaveLength(1);
    expect(c.routing.handled).toHaveLength(1);
    // Ending again is idempotent: nothing more happens.
    const before = c.notifier.sent.length;
    expect((await c.lifecycle.endConversation('ws', chat.id, 'visitor')).status).toBe('ended');
    expect(c.notifier.sent.length).toBe(before);
  });

  it('a chat that was waiting leaves the queue: the others move up (one broadcast, no drain without freed capacity)', async () => {
    const c = core();
    const [first, second] = [c.conversations.add(conversation()), c.conversations.add(conversation())];
    for (const w of [first, second]) c.routing.wait({ conversationId: w.id, visitorId: w.visitorId });
    await c.lifecycle.endConversation('ws', first.id, 'visitor');
    expect(c.notifier.events('queue.position').map((s) => [s.id, (s.payload as { position: number }).position])).toEqual([[second.visitorId, 1]]);
    expect(c.notifier.events('queue.length')).toHaveLength(1);
  });
});

describe('agent availability', () => {
  it('a status change is recorded once, going online pulls from the queue and answers with the load after it', async () => {
    const c = core();
    c.routing.addAgent('a1', 'busy', 2);
    const waiting = c.conversations.add(conversation());
    c.routing.wait({ conversationId: waiting.id, visitorId: waiting.visitorId });

    const presence = await c.agents.setAgentStatus('ws', 'a1', 'online');
    expect(presence).toEqual({ status: 'online', load: 1, limit: 2 });
    expect(c.conversations.webhookEvents).toEqual([{ type: 'agent.status_changed', data: { agentId: 'a1', status: 'online', previous: 'busy' } }]);
    await c.agents.setAgentStatus('ws', 'a1', 'online');
    expect(c.conversations.webhookEvents).toHaveLength(1);
    expect(c.events.of('agent.presence').length).toBeGreaterThan(0);
  });

  it('an inactive profile is removed from routing', async () => {
    const c = core();
    c.routing.addAgent('a1', 'online', 2);
    expect(await c.agents.registerAgent('ws', { id: 'a1', active: false, receptionLimit: null, groupIds: [] })).toEqual({ status: 'offline', load: 0, limit: 0 });
    expect(c.routing.agents.has('a1')).toBe(false);
  });
});

describe('monitor feed (a listener of the chat events)', () => {
  function feed() {
    const notifier = new FakeNotifier();
    const timers = new FakeTimers();
    const monitoring = {
      recordHits: async () => [{ id: 'alert-1' }],
      recordAlert: async (_w: string, alert: object) => ({ id: 'alert-2', ...alert }),
      queueStats: async () => [],
    } as unknown as MonitoringService;
    const events = new ChatEvents();
    const monitor = new MonitorFeed({ conversations: {} as never, monitoring, settings: fakeSettings({ monitoring: { longWaitSeconds: 90 } }), notifier, timers });
    monitor.subscribe(events);
    return { notifier, timers, events, monitor };
  }

  it('turns conversation, presence, hit and queue events into dashboard deltas, and schedules the long-wait timer', async () => {
    const { notifier, timers, events } = feed();
    const chat = conversation();
    await events.publish('conversation.started', { workspaceId: 'ws', conversation: chat });
    await events.publish('agent.presence', { workspaceId: 'ws', agentId: 'a1', presence: { status: 'online', load: 0, limit: 2 } });
    await events.publish('sensitive_word.hit', { workspaceId: 'ws', conversationId: chat.id, messageId: null, side: 'customer', senderId: 'v', verdict: { action: 'block', words: ['x'], body: 'x' } });
    await events.publish('queue.changed', { workspaceId: 'ws', queues: new Map(), positions: [], waiting: 0 });
    await events.publish('conversation.queued', { workspaceId: 'ws', conversationId: chat.id, position: 1 });
    expect(notifier.sent.map((s) => [s.to, s.event])).toEqual([
      ['monitor', 'monitor.conversation'],
      ['monitor', 'monitor.agent'],
      ['monitor', 'monitor.alert'],
      ['monitor', 'monitor.queues'],
    ]);
    expect(timers.calls).toEqual([`longWait:${chat.id}:90000`]);
  });

  it('sends a busy chat’s last message at most once a second, then the latest one', async () => {
    vi.useFakeTimers();
    try {
      const { notifier, events, monitor } = feed();
      const message = (body: string) => ({ id: body, conversationId: 'c1', seq: 1, senderType: 'visitor' as const, senderId: 'v', senderName: null, body, clientMsgId: null, createdAt: '' });
      for (const body of ['one', 'two', 'three']) await events.publish('message.created', { workspaceId: 'ws', message: message(body) });
      expect(notifier.events('monitor.activity').map((s) => (s.payload as { lastMessage: { body: string } }).lastMessage.body)).toEqual(['one']);
      vi.advanceTimersByTime(1000);
      expect(notifier.events('monitor.activity').map((s) => (s.payload as { lastMessage: { body: string } }).lastMessage.body)).toEqual(['one', 'three']);
      monitor.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('event seam', () => {
  it('runs listeners in registration order and awaits each before the next, and unsubscribes', async () => {
    const events = new ChatEvents();
    const order: string[] = [];
    events.on('rating.submitted', async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('first');
    });
    const off = events.on('rating.submitted', () => void order.push('second'));
    await events.publish('rating.submitted', { workspaceId: 'ws', rating: {} as never });
    off();
    await events.publish('rating.submitted', { workspaceId: 'ws', rating: {} as never });
    expect(order).toEqual(['first', 'second', 'first']);
  });
});
