import { describe, expect, it } from 'vitest';
import { ChatEvents } from '../../src/domain/chat/events';
import type { MessageDto } from '../../src/domain/conversations/types';
import { subscribeUnseenReplies, unseenJobDue, type UnseenRepliesJob } from '../../src/domain/email/unseen-replies';

/** The scheduling half of the unseen-replies email (F15): one delayed job per conversation and window, not per message. */
const MINUTES = 10;
const DELAY = MINUTES * 60_000;

function harness(enabled = true) {
  const events = new ChatEvents();
  const jobs: { job: UnseenRepliesJob; delayMs: number; at: number }[] = [];
  let clock = Date.UTC(2026, 11, 7, 12, 0, 0);
  subscribeUnseenReplies(events, {
    settings: { value: (async () => ({ emailUnseenReplies: { enabled, minutes: MINUTES } })) as never },
    schedule: async (job, delayMs) => void jobs.push({ job, delayMs, at: clock }),
    onError: (error) => {
      throw error;
    },
    now: () => clock,
  });
  // The listener's work runs after an awaited settings read: let it finish before looking.
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  let seq = 0;
  const say = async (conversationId: string, senderType: MessageDto['senderType'] = 'agent', senderId: string | null = 'agent-1') => {
    const message = { conversationId, seq: ++seq, senderType, senderId } as MessageDto;
    await events.publish('message.created', { workspaceId: 'ws', message });
    await settle();
    return message.seq;
  };
  return { jobs, say, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('unseen replies: scheduling', () => {
  it('every message waits at least the full delay and at most a tenth more', () => {
    for (const now of [0, 1, 59_999, 60_000, 1_234_567, Date.UTC(2026, 0, 1)]) {
      const due = unseenJobDue(now, DELAY);
      expect(due - now).toBeGreaterThanOrEqual(DELAY);
      expect(due - now).toBeLessThanOrEqual(DELAY * 1.1);
    }
  });

  it('a burst of replies in one window is one job, for the first of them; the next window gets its own', async () => {
    const h = harness();
    const first = await h.say('c1');
    for (let i = 0; i < 20; i++) {
      h.advance(1_000);
      await h.say('c1');
    }
    expect(h.jobs).toHaveLength(1);
    expect(h.jobs[0].job).toEqual({ workspaceId: 'ws', conversationId: 'c1', seq: first });
    expect(h.jobs[0].delayMs).toBeGreaterThanOrEqual(DELAY);

    h.advance(DELAY / 10);
    const later = await h.say('c1');
    expect(h.jobs).toHaveLength(2);
    expect(h.jobs[1].job.seq).toBe(later);
    expect(h.jobs[1].at + h.jobs[1].delayMs).toBeGreaterThan(h.jobs[0].at + h.jobs[0].delayMs);
  });

  it('each conversation has its own job; bots, system lines and notes schedule none; nothing with the setting off', async () => {
    const h = harness();
    await h.say('c1');
    await h.say('c2');
    await h.say('c3', 'agent', null); // a bot writes as an agent without a sender id
    await h.say('c3', 'system', null);
    await h.say('c3', 'visitor', 'visitor-1');
    expect(h.jobs.map((j) => j.job.conversationId)).toEqual(['c1', 'c2']);

    const off = harness(false);
    await off.say('c1');
    expect(off.jobs).toHaveLength(0);
  });
});
