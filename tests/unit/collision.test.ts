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
