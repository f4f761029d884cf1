import { describe, expect, it } from 'vitest';
import { unansweredCount } from '../../src/components/chat/messages';
import type { MessageDto } from '../../src/domain/conversations/types';

const msg = (seq: number, senderType: MessageDto['senderType']): MessageDto => ({
  id: `m${seq}`,
  conversationId: 'c',
  seq,
  senderType,
  senderId: null,
  senderName: null,
  body: `message ${seq}`,
  clientMsgId: null,
  createdAt: new Date(0).toISOString(),
});

describe('unread count of a chat that arrives unseen', () => {
  it('counts the visitor messages after the last agent reply; system lines do not count', () => {
    expect(unansweredCount([msg(1, 'visitor')])).toBe(1);
    expect(unansweredCount([msg(1, 'visitor'), msg(2, 'visitor'), msg(3, 'system')])).toBe(2);
    // After a transfer: what the previous agent answered is not unread for the new one.
    expect(unansweredCount([msg(1, 'visitor'), msg(2, 'agent'), msg(3, 'visitor')])).toBe(1);
    expect(unansweredCount([msg(1, 'visitor'), msg(2, 'agent')])).toBe(0);
    expect(unansweredCount([])).toBe(0);
  });
});
