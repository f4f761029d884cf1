import { ChatEvents, type ChatEventMap, type ChatEventPublisher, type ChatEventType } from '../../../src/domain/chat/events';
import type { ChatNotifier } from '../../../src/domain/chat/notifier';
import type { ChatPorts } from '../../../src/domain/chat/ports';
import { SocketFeed } from '../../../src/domain/chat/socket-feed';
import type { ChatTimers } from '../../../src/domain/chat/timers';
import type { ConversationService, Sender } from '../../../src/domain/conversations/service';
import type { ConversationDto, MessageDto } from '../../../src/domain/conversations/types';
import type { QueueEntry, RoutingEngine } from '../../../src/domain/routing/engine';
import type { AgentSnapshot, AgentStatus } from '../../../src/domain/routing/strategies';
import { SETTINGS_SCHEMAS } from '../../../src/domain/settings/schemas';
import type { SettingsService } from '../../../src/domain/settings/service';

/**
 * In-memory fakes of the chat core's ports, for unit tests of the use cases. They keep just enough state
 * to behave like the real ones for the calls the use cases make, and record what was sent.
 */

export interface Sent {
  to: 'visitor' | 'agent' | 'conversation' | 'staff' | 'monitor' | 'staffConversation';
  id: string;
  event: string;
  payload: unknown;
}

export class FakeNotifier implements ChatNotifier {
  sent: Sent[] = [];
  joined: string[] = [];
  left: string[] = [];
  disconnected: string[] = [];
  toVisitor: ChatNotifier['toVisitor'] = (id, event, payload) => void this.sent.push({ to: 'visitor', id, event, payload });
  toAgent: ChatNotifier['toAgent'] = (id, event, payload) => void this.sent.push({ to: 'agent', id, event, payload });
  toConversation: ChatNotifier['toConversation'] = (id, event, payload) => void this.sent.push({ to: 'conversation', id, event, payload });
  toStaff: ChatNotifier['toStaff'] = (id, event, payload) => void this.sent.push({ to: 'staff', id, event, payload });
  toMonitor: ChatNotifier['toMonitor'] = (id, event, payload) => void this.sent.push({ to: 'monitor', id, event, payload });
  toStaffConversation: ChatNotifier['toStaffConversation'] = (id, event, payload) => void this.sent.push({ to: 'staffConversation', id, event, payload });
  joinAgent: ChatNotifier['joinAgent'] = (agentId, conversationId) => void this.joined.push(`${agentId}:${conversationId}`);
  leaveAgent: ChatNotifier['leaveAgent'] = (agentId, conversationId) => void this.left.push(`${agentId}:${conversationId}`);
  joinVisitor: ChatNotifier['joinVisitor'] = (visitorId, conversationId) => void this.joined.push(`visitor:${visitorId}:${conversationId}`);
  disconnectAgent: ChatNotifier['disconnectAgent'] = (agentId) => void this.disconnected.push(agentId);
  events(event: string): Sent[] {
    return this.sent.filter((s) => s.event === event);
  }
}

export class FakeTimers implements ChatTimers {
  calls: string[] = [];
  queueTimeout = async (_w: string, c: string, ms: number) => void this.calls.push(`queueTimeout:${c}:${ms}`);
  replyTimeout = async (_w: string, c: string, a: string, ms: number) => void this.calls.push(`replyTimeout:${c}:${a}:${ms}`);
  endTimer = async (_w: string, c: string, kind: string, mark: number) => void this.calls.push(`endTimer:${c}:${kind}:${mark}`);
  cancelEndTimers = async (c: string) => void this.calls.push(`cancelEndTimers:${c}`);
  turnChanged = async () => true;
  longWait = async (_w: string, c: string, ms: number) => void this.calls.push(`longWait:${c}:${ms}`);
  visitorGone = async (_w: string, v: string, ms: number) => void this.calls.push(`visitorGone:${v}:${ms}`);
}

/** Records published events and forwards them to the listeners subscribed on `listeners` (e.g. the socket feed). */
export class RecordingEvents implements ChatEventPublisher {
  published: { type: ChatEventType; event: unknown }[] = [];
  readonly listeners = new ChatEvents();
  async publish<T extends ChatEventType>(type: T, event: ChatEventMap[T]): Promise<void> {
    this.published.push({ type, event });
    await this.listeners.publish(type, event);
  }
  of(type: ChatEventType) {
    return this.published.filter((p) => p.type === type);
  }
}

/** Settings with their schema defaults, overridable per section. */
export function fakeSettings(overrides: Partial<Record<keyof typeof SETTINGS_SCHEMAS, unknown>> = {}): SettingsService {
  return {
    value: async (_workspaceId: string, section: keyof typeof SETTINGS_SCHEMAS) => SETTINGS_SCHEMAS[section].parse(overrides[section] ?? {}),
  } as unknown as SettingsService;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export function conversation(fields: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: nextId('c'),
    status: 'queued',
    channel: 'desktop',
    mode: 'realtime',
    visitorId: nextId('v'),
    visitorName: null,
    agentId: null,
    agentName: null,
    groupId: null,
    entryUrl: null,
    startedAt: new Date(0).toISOString(),
    assignedAt: null,
    endedAt: null,
    endedBy: null,
    lastMessageAt: null,
    ...fields,
  };
}

/** Conversations and messages in memory, with the statements the use cases call. */
export class FakeConversations {
  readonly byId = new Map<string, ConversationDto>();
  readonly messages: MessageDto[] = [];
  readonly webhookEvents: { type: string; data: unknown }[] = [];

  add(c: ConversationDto): ConversationDto {
    this.byId.set(c.id, c);
    return c;
  }
  async get(_w: string, id: string) {
    return this.byId.get(id) ?? null;
  }
  async history(_w: string, id: string) {
    return this.messages.filter((m) => m.conversationId === id);
  }
  async appendMessage(_w: string, conversationId: string, sender: Sender, body: string, clientMsgId: string | null): Promise<MessageDto> {
    const message: MessageDto = { id: nextId('m'), conversationId, seq: this.messages.length + 1, senderType: sender.type, senderId: sender.id, senderName: sender.name, body, clientMsgId, createdAt: new Date().toISOString() };
    this.messages.push(message);
    return message;
  }
  appendSystemNote(w: string, id: string, text: string) {
    return this.appendMessage(w, id, { type: 'system', id: null, name: null }, text, null);
  }
  async end(_w: string, id: string, endedBy: ConversationDto['endedBy']) {
    const c = this.byId.get(id);
    if (!c || c.status === 'ended') return null;
    const ended = { ...c, status: 'ended' as const, endedBy, endedAt: new Date().toISOString() };
    this.byId.set(id, ended);
    return ended;
  }
  async markAssigned(_w: string, id: string, agentId: string, groupId: string | null = null) {
    const c = this.byId.get(id);
    if (!c || c.status === 'ended') return null;
    const assigned = { ...c, status: 'active' as const, agentId, agentName: `Agent ${agentId}`, groupId: groupId ?? c.groupId, assignedAt: new Date().toISOString() };
    this.byId.set(id, assigned);
    return assigned;
  }
  async recordEvent(_w: string, type: string, data: unknown) {
    this.webhookEvents.push({ type, data });
  }
  async recordAgentStatus() {}
  async markWaiting() {}
  async participants(_w: string, id: string) {
    const c = this.byId.get(id);
    return c ? { visitorId: c.visitorId, agentId: c.agentId, status: c.status } : null;
  }
  asService(): ConversationService {
    return this as unknown as ConversationService;
  }
}

/**
 * Routing state in memory: agents (status, limit, load) and one FIFO queue per target key. `drain` gives
 * each head to the first online agent with capacity, like the real engine's ordering for a single queue.
 */
export class FakeRouting {
  readonly agents = new Map<string, AgentSnapshot>();
  readonly queues = new Map<string, QueueEntry[]>();
  readonly assigned = new Map<string, string>();
  handled: number[] = [];

  addAgent(id: string, status: AgentStatus, limit: number, load = 0) {
    this.agents.set(id, { id, status, limit, load, lastAssignedAt: 0, groupIds: [] });
  }
  wait(entry: Omit<QueueEntry, 'targetKey' | 'vip' | 'enqueuedAt'> & Partial<QueueEntry>) {
    const key = entry.targetKey ?? 'all';
    this.queues.set(key, [...(this.queues.get(key) ?? []), { targetKey: key, vip: false, enqueuedAt: Date.now(), ...entry }]);
  }
  async agent(_w: string, id: string) {
    return this.agents.get(id) ?? null;
  }
  async setStatus(_w: string, id: string, status: AgentStatus) {
    const a = this.agents.get(id);
    if (a) a.status = status;
  }
  async upsertAgent(_w: string, agent: { id: string; limit: number; groupIds: string[] }) {
    const existing = this.agents.get(agent.id);
    this.agents.set(agent.id, { id: agent.id, status: existing?.status ?? 'offline', load: existing?.load ?? 0, lastAssignedAt: 0, limit: agent.limit, groupIds: agent.groupIds });
  }
  async removeAgent(_w: string, id: string) {
    this.agents.delete(id);
  }
  async snapshot() {
    return [...this.agents.values()];
  }
  async allQueues() {
    return new Map([...this.queues].filter(([, entries]) => entries.length > 0));
  }
  async recentHandleDurations() {
    return this.handled;
  }
  async queueEntry(_w: string, conversationId: string) {
    for (const entries of this.queues.values()) for (const e of entries) if (e.conversationId === conversationId) return e;
    return null;
  }
  async queuePosition(_w: string, conversationId: string) {
    for (const entries of this.queues.values()) {
      const i = entries.findIndex((e) => e.conversationId === conversationId);
      if (i >= 0) return i + 1;
    }
    return null;
  }
  async drain() {
    const out: { conversationId: string; agentId: string }[] = [];
    for (const [key, entries] of this.queues) {
      while (entries.length) {
        const agent = [...this.agents.values()].find((a) => a.status === 'online' && a.load < a.limit);
        if (!agent) break;
        const head = entries.shift()!;
        agent.load++;
        this.assigned.set(head.conversationId, agent.id);
        out.push({ conversationId: head.conversationId, agentId: agent.id });
      }
      this.queues.set(key, entries);
    }
    return out;
  }
  async release(_w: string, conversationId: string) {
    for (const entries of this.queues.values()) {
      const i = entries.findIndex((e) => e.conversationId === conversationId);
      if (i >= 0) entries.splice(i, 1);
    }
    const agentId = this.assigned.get(conversationId) ?? null;
    if (agentId) {
      this.assigned.delete(conversationId);
      this.agents.get(agentId)!.load--;
    }
    return agentId;
  }
  async markTried() {}
  async recordHandled(_w: string, seconds: number) {
    this.handled.push(seconds);
  }
  async agentSideOffline() {
    return false;
  }
  async visitorConnected() {
    return true;
  }
  asEngine(): RoutingEngine {
    return this as unknown as RoutingEngine;
  }
}

export function ports(parts: { conversations?: FakeConversations; routing?: FakeRouting; settings?: SettingsService; notifier?: FakeNotifier; timers?: FakeTimers; events?: RecordingEvents } = {}) {
  const fakes = {
    conversations: parts.conversations ?? new FakeConversations(),
    routing: parts.routing ?? new FakeRouting(),
    settings: parts.settings ?? fakeSettings(),
    notifier: parts.notifier ?? new FakeNotifier(),
    timers: parts.timers ?? new FakeTimers(),
    events: parts.events ?? new RecordingEvents(),
  };
  const { notifier, ...rest } = fakes;
  const chatPorts: ChatPorts = { ...rest, rooms: notifier, conversations: fakes.conversations.asService(), routing: fakes.routing.asEngine() };
  // Socket notification is a listener of the seam, wired as in ChatService: what the use cases publish reaches `notifier`.
  new SocketFeed(notifier).subscribe(fakes.events.listeners);
  return { ...fakes, ports: chatPorts };
}
