import { describe, expect, it } from 'vitest';
import { lastSeq, repliedSince } from '../../src/domain/collision/replied-since';

describe('repliedSince', () => {
  const items = [
    { seq: 1, senderType: 'visitor', senderId: 'v' },
    { seq: 2, senderType: 'agent', senderId: 'me', senderName: 'Me' },
    { seq: 3, senderType: 'agent', senderId: 'ada', senderName: 'Ada' },
    { seq: 3.5, senderType: 'system', senderId: 'bo', senderName: 'Bo' }, // a note
    { seq: Number.MAX_SAFE_INTEGER, senderType: 'agent', senderId: 'cy', senderName: 'Cy', pending: true },
  ];
  it('names colleagues who replied to the visitor after the given point, not notes, not oneself', () => {
    expect(repliedSince(items, 2, 'me')).toEqual(['Ada']);
    expect(repliedSince(items, 3, 'me')).toEqual([]);
    expect(repliedSince(items, 0, 'ada')).toEqual(['Me']);
  });
  it('finds the last confirmed sequence number', () => {
    expect(lastSeq(items)).toBe(3.5);
    expect(lastSeq([])).toBe(0);
  });
});

import { collidingRepliers, collisionReducer, initialCollision } from '../../src/components/chat/workspace/collision-state';

describe('collision reducer', () => {
  const transcript = [{ seq: 1, senderType: 'visitor', senderId: 'v' }];
  it('remembers where the reply started and asks for confirmation only if a colleague replied since', () => {
    let s = collisionReducer(initialCollision, { type: 'open', conversationId: 'c1' });
    s = collisionReducer(s, { type: 'typing', kind: 'replying', typing: true, transcript });
    expect(s).toMatchObject({ activity: 'replying', typingSinceSeq: 1 });
    expect(collidingRepliers(s, transcript, 'me')).toEqual([]);
    const later = [...transcript, { seq: 2, senderType: 'agent', senderId: 'ada', senderName: 'Ada' }];
    s = collisionReducer(s, { type: 'typing', kind: 'replying', typing: false, transcript: later });
    expect(s.activity).toBe('viewing');
    expect(collidingRepliers(s, later, 'me')).toEqual(['Ada']);
    s = collisionReducer(s, { type: 'hold', body: 'Hello', names: ['Ada'] });
    expect(s.pending).toEqual({ body: 'Hello', names: ['Ada'] });
    s = collisionReducer(s, { type: 'settled' });
    expect(s).toMatchObject({ pending: null, typingSinceSeq: null });
  });
  it('keeps viewers of the open chat only and resets on another chat', () => {
    let s = collisionReducer(initialCollision, { type: 'open', conversationId: 'c1' });
    s = collisionReducer(s, { type: 'viewers', conversationId: 'c2', viewers: [{ userId: 'u', name: 'U', activity: 'viewing' }] });
    expect(s.viewers).toEqual([]);
    s = collisionReducer(s, { type: 'viewers', conversationId: 'c1', viewers: [{ userId: 'u', name: 'U', activity: 'noting' }] });
    expect(s.viewers).toHaveLength(1);
    expect(collisionReducer(s, { type: 'open', conversationId: 'c2' }).viewers).toEqual([]);
  });
});
