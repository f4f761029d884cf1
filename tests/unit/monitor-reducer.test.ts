import { describe, expect, it } from 'vitest';
import type { MonitorConversation, MonitorSnapshot } from '../../src/domain/monitoring/types';
import { INITIAL_MONITOR, monitorReducer, monitorStats, since, type MonitorAction, type MonitorState } from '../../src/components/monitor/monitor-state';

const conv = (id: string, status: MonitorConversation['status'] = 'active'): MonitorConversation =>
  ({ id, status, visitorId: `v-${id}`, visitorName: null, agentId: 'a1', agentName: 'Alice', startedAt: '2026-12-07T10:00:00.000Z', channel: 'desktop', lastMessage: null, alertCount: 0 }) as unknown as MonitorConversation;

const snapshot = (over: Partial<MonitorSnapshot> = {}): MonitorSnapshot => ({
  agents: [{ id: 'a1', name: 'Alice', role: 'agent', status: 'online', load: 1, limit: 3 }],
  queues: [],
  conversations: [conv('c1')],
  alerts: [],
  settings: { longWaitSeconds: 90 },
  at: '2026-12-07T10:00:00.000Z',
  ...over,
});

const run = (actions: MonitorAction[], from: MonitorState = INITIAL_MONITOR) => actions.reduce(monitorReducer, from);
const msg = (conversationId: string, seq: number, body = `m${seq}`) =>
  ({ id: `${conversationId}-${seq}`, conversationId, seq, senderType: 'visitor', senderName: null, body, createdAt: '2026-12-07T10:00:00.000Z' }) as never;

describe('monitor reducer (useMonitor)', () => {
  it('loads a snapshot, then applies deltas: agents, queues, conversations, activity, alerts', () => {
    const s = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'delta', event: 'monitor.agent', payload: { id: 'a1', status: 'busy', load: 2, limit: 3 } },
      { type: 'delta', event: 'monitor.queues', payload: { queues: [{ key: 'all', label: 'All', length: 2, longestWaitSeconds: 5, oldestEnqueuedAt: null }] } },
      { type: 'delta', event: 'monitor.conversation', payload: conv('c2', 'queued') },
      { type: 'delta', event: 'monitor.activity', payload: { conversationId: 'c1', lastMessage: { senderType: 'visitor', senderName: null, body: 'Hi', createdAt: 'x' } } },
      { type: 'delta', event: 'monitor.alert', payload: { id: 'hit:1', kind: 'sensitive_word', conversationId: 'c1', createdAt: 'x', text: 'Customer wrote “x”' } },
      { type: 'delta', event: 'monitor.alert', payload: { id: 'hit:1', kind: 'sensitive_word', conversationId: 'c1', createdAt: 'x', text: 'Customer wrote “x”' } },
    ]);
    expect(s.loaded).toBe(true);
    expect(s.longWait).toBe(90);
    expect(s.agents[0]).toMatchObject({ status: 'busy', load: 2 });
    expect(s.conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(s.conversations[0].lastMessage?.body).toBe('Hi');
    expect(s.conversations[0].alertCount).toBe(1);
    expect(s.alerts).toHaveLength(1);
    expect(monitorStats(s)).toEqual({ online: 0, agents: 1, queued: 2, active: 1, alerts: 1 });
  });

  it('drops an ended conversation and marks the state stale for an agent it does not know', () => {
    const s = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'delta', event: 'monitor.conversation', payload: { ...conv('c1'), status: 'ended' } },
      { type: 'delta', event: 'monitor.agent', payload: { id: 'new-agent', status: 'online', load: 0, limit: 2 } },
    ]);
    expect(s.conversations).toEqual([]);
    expect(s.stale).toBe(true);
    // The reload (a new snapshot after reconnect) clears it and replaces everything.
    const again = monitorReducer(s, { type: 'snapshot', snapshot: snapshot({ conversations: [conv('c3')] }) });
    expect(again.stale).toBe(false);
    expect(again.conversations.map((c) => c.id)).toEqual(['c3']);
  });

  it('keeps the watched transcript in order and ignores other conversations’ messages; out-of-order and repeated events merge', () => {
    let s = run([{ type: 'snapshot', snapshot: snapshot() }, { type: 'watch', conversationId: 'c1' }]);
    s = run(
      [
        { type: 'message', message: msg('c1', 3) },
        { type: 'message', message: msg('other', 1) },
        { type: 'watchMessages', conversationId: 'c1', messages: [msg('c1', 1), msg('c1', 2), msg('c1', 3)] },
        { type: 'message', message: msg('c1', 2) },
      ],
      s,
    );
    expect(s.watchMessages.map((m) => m.seq)).toEqual([1, 2, 3]);
    // A late answer for a chat no longer watched changes nothing.
    s = run([{ type: 'watch', conversationId: null }, { type: 'watchMessages', conversationId: 'c1', messages: [msg('c1', 4)] }], s);
    expect(s.watchMessages).toEqual([]);
  });

  it('counts durations for the table', () => {
    const now = Date.parse('2026-12-07T10:00:00.000Z');
    expect(since('2026-12-07T09:59:18.000Z', now)).toBe('42s');
    expect(since('2026-12-07T09:56:55.000Z', now)).toBe('3m 5s');
    expect(since('2026-12-07T08:58:00.000Z', now)).toBe('1h 2m');
    expect(since(null, now)).toBe('–');
  });
});
