import { describe, expect, it } from 'vitest';
import { positionUpdates } from '../../src/domain/queue/positions';
import { WaitingChats } from '../../src/domain/queue/service';
import { conversation, ports, type FakeConversations } from './fakes/chat';

/** Completes assignments like chat/assignment.ts would, and remembers them. */
function completer(conversations: FakeConversations) {
  const done: string[] = [];
  return {
    done,
    complete: async (w: string, conversationId: string, agentId: string) => {
      await conversations.markAssigned(w, conversationId, agentId);
      done.push(`${conversationId}->${agentId}`);
    },
  };
}

function world(waiting: number) {
  const p = ports();
  const chats = Array.from({ length: waiting }, () => p.conversations.add(conversation()));
  for (const c of chats) p.routing.wait({ conversationId: c.id, visitorId: c.visitorId });
  const assignments = completer(p.conversations);
  return { ...p, chats, assignments, queue: new WaitingChats(p.ports, assignments) };
}

const positionsSent = (w: ReturnType<typeof world>) => w.notifier.events('queue.position');

describe('waiting chats: positions are broadcast once per change', () => {
  it('a chat joined or left the queue: every waiting visitor is told once, staff get the length once', async () => {
    const w = world(3);
    expect(await w.queue.settle('ws', { queueChanged: true })).toBe(0);
    expect(positionsSent(w).map((s) => [s.id, (s.payload as { position: number }).position])).toEqual(w.chats.map((c, i) => [c.visitorId, i + 1]));
    expect(w.notifier.events('queue.length').map((s) => s.payload)).toEqual([{ waiting: 3 }]);
    expect(w.events.of('queue.changed')).toHaveLength(1);
  });

  it('capacity freed but nobody could be assigned: nothing moved, nothing is broadcast', async () => {
    const w = world(2);
    w.routing.addAgent('a1', 'online', 1, 1);
    expect(await w.queue.settle('ws', { capacityFreed: true })).toBe(0);
    expect(w.notifier.sent).toEqual([]);
    expect(w.events.published).toEqual([]);
  });

  it('a drain that assigns several chats still broadcasts once, after all assignments', async () => {
    const w = world(4);
    w.routing.addAgent('a1', 'online', 2);
    w.notifier.toStaff = (id, event, payload) => {
      // The broadcast must come after the last assignment of the drain.
      if (event === 'queue.length') expect(w.assignments.done).toHaveLength(2);
      w.notifier.sent.push({ to: 'staff', id, event, payload });
    };
    expect(await w.queue.drain('ws')).toBe(2);
    expect(w.assignments.done).toEqual([`${w.chats[0].id}->a1`, `${w.chats[1].id}->a1`]);
    expect(w.notifier.events('queue.length')).toHaveLength(1);
    // The two still waiting moved up to positions 1 and 2.
    expect(positionsSent(w).map((s) => [s.id, (s.payload as { position: number }).position])).toEqual([
      [w.chats[2].visitorId, 1],
      [w.chats[3].visitorId, 2],
    ]);
  });

  it('queue changed and capacity freed with a drain that moves someone: still one broadcast', async () => {
    const w = world(3);
    w.routing.addAgent('a1', 'online', 1);
    expect(await w.queue.settle('ws', { queueChanged: true, capacityFreed: true })).toBe(1);
    expect(w.notifier.events('queue.length')).toHaveLength(1);
    expect(positionsSent(w)).toHaveLength(2);
  });

  it('an empty queue after the change: staff learn it is empty, no visitor is told anything', async () => {
    const w = world(0);
    await w.queue.settle('ws', { queueChanged: true });
    expect(w.notifier.events('queue.length').map((s) => s.payload)).toEqual([{ waiting: 0 }]);
    expect(positionsSent(w)).toEqual([]);
  });

  it('status of one queued chat: position, estimated wait and the enter message', async () => {
    const w = world(2);
    w.routing.addAgent('a1', 'online', 2);
    w.routing.handled = [120, 240];
    const status = await w.queue.status('ws', w.chats[1].id, 'enter');
    // Position 2, average handling 180 s, capacity 2 -> 180 s.
    expect(status).toMatchObject({ position: 2, waitSeconds: 180 });
    expect(status!.text).toContain('2');
    expect(await w.queue.status('ws', 'not-waiting', 'update')).toBeNull();
  });
});

describe('positionUpdates', () => {
  it('numbers each queue from 1 and estimates the wait from the capacity serving that queue', () => {
    const queues = new Map([
      ['all', [{ conversationId: 'c1', visitorId: 'v1', targetKey: 'all', vip: false, enqueuedAt: 1 }, { conversationId: 'c2', visitorId: 'v2', targetKey: 'all', vip: false, enqueuedAt: 2 }]],
      ['group:g', [{ conversationId: 'c3', visitorId: 'v3', targetKey: 'group:g', vip: false, enqueuedAt: 3 }]],
    ]);
    const agents = [{ id: 'a', status: 'online' as const, limit: 3, load: 3, lastAssignedAt: 0, groupIds: [] }];
    const updates = positionUpdates(queues, agents, [300], 'You are number {position}');
    expect(updates.map((u) => [u.visitorId, u.payload.position, u.payload.waitSeconds, u.payload.text])).toEqual([
      ['v1', 1, 100, 'You are number 1'],
      ['v2', 2, 200, 'You are number 2'],
      // Nobody online serves the group: the wait is unknown.
      ['v3', 1, null, 'You are number 1'],
    ]);
  });
});
