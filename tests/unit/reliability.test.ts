import { describe, expect, it } from 'vitest';
import { catchUp, gaplessSeq, lastSeenSeq, type UiMessage } from '../../src/components/chat/messages';
import { parseTargetKey } from '../../src/domain/routing/recovery-source';
import { isUnavailableError } from '../../src/lib/dependencies';
import { AppError, toErrorBody } from '../../src/lib/errors';

describe('outage errors', () => {
  it('recognises refused/reset connections, PostgreSQL shutdown codes and drizzle-wrapped causes', () => {
    expect(isUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('Failed query: select 1'), { cause: Object.assign(new Error('x'), { code: '08006' }) }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
  });

  it('answers "unavailable" for an outage and keeps other errors as they were', () => {
    expect(toErrorBody(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code).toBe('unavailable');
    expect(toErrorBody(new AppError('blocked', 'no')).code).toBe('blocked');
    expect(toErrorBody(new Error('bug')).code).toBe('internal');
  });
});

describe('routing rebuild helpers', () => {
  it('parses stored queue targets back, falling back to "all"', () => {
    expect(parseTargetKey('group:7f6d2c1e-0000-4000-8000-000000000001')).toEqual({ type: 'group', id: '7f6d2c1e-0000-4000-8000-000000000001' });
    expect(parseTargetKey('agent:a1')).toEqual({ type: 'agent', id: 'a1' });
    expect(parseTargetKey('all')).toEqual({ type: 'all' });
    expect(parseTargetKey(null)).toEqual({ type: 'all' });
  });
});

describe('client catch-up', () => {
  const m = (seq: number, extra: Partial<UiMessage> = {}): UiMessage => ({ id: `m${seq}`, conversationId: 'c', seq, senderType: 'visitor', senderId: null, senderName: null, body: '', clientMsgId: null, createdAt: '', ...extra });

  it('asks for everything after the last confirmed seq (pending, failed and whispers do not count)', async () => {
    expect(lastSeenSeq([m(1), m(3), m(Number.MAX_SAFE_INTEGER, { pending: true }), m(3.5, { whisper: true })])).toBe(3);
    const asked: unknown[] = [];
    const result = await catchUp(async (p) => (asked.push(p), { ok: true, messages: { c: [m(4)] } }), { c: [m(1), m(2)] }, ['c', 'd']);
    expect(asked).toEqual([{ conversations: [{ conversationId: 'c', afterSeq: 2 }, { conversationId: 'd', afterSeq: 0 }] }]);
    expect(result.c.map((x) => x.seq)).toEqual([4]);
    expect(await catchUp(async () => ({ ok: false }), {}, ['c'])).toEqual({});
  });

  it('starts below a gap: a live message that arrived after the reconnect does not hide the ones missed before it', async () => {
    expect(gaplessSeq([m(4), m(5), m(8), m(9, { pending: true })])).toBe(5);
    expect(gaplessSeq([m(7)])).toBe(7);
    expect(gaplessSeq([])).toBe(0);
    const asked: unknown[] = [];
    await catchUp(async (p) => (asked.push(p), { ok: true, messages: {} }), { c: [m(1), m(2), m(5)] }, ['c']);
    expect(asked).toEqual([{ conversations: [{ conversationId: 'c', afterSeq: 2 }] }]);
  });
});
