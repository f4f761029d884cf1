import { describe, expect, it } from 'vitest';
import { stripQuotedText } from '../../src/domain/email/quoted-text';
import { conversationReplyToken, replyAddress, verifyReplyToken } from '../../src/domain/email/reply-address';

describe('stripQuotedText', () => {
  it('cuts at "On … wrote:", also wrapped over two lines', () => {
    expect(stripQuotedText('Thanks!\n\nOn Mon, 7 Dec 2026 at 09:00, Demo <a@b.c> wrote:\n> old')).toBe('Thanks!');
    expect(stripQuotedText('Thanks!\nOn Mon, 7 Dec 2026 at 09:00, Demo Support\n<a@b.c> wrote:\n> old')).toBe('Thanks!');
  });
  it('cuts at -----Original Message----- and at an Outlook From:/Sent: block', () => {
    expect(stripQuotedText('Yes\r\n-----Original Message-----\r\nFrom: x')).toBe('Yes');
    expect(stripQuotedText('Yes please\n\nFrom: Demo <a@b.c>\nSent: Monday\nTo: Ana\nSubject: Hi\n\nold')).toBe('Yes please');
    expect(stripQuotedText('From: my colleague I heard about you')).toBe('From: my colleague I heard about you');
  });
  it('drops "> " lines and the "-- " signature, keeps the rest', () => {
    expect(stripQuotedText('> quoted\nMy answer\n> more\nline two\n-- \nAna\nBuyer')).toBe('My answer\nline two');
  });
});

describe('reply tokens', () => {
  const secret = 'x'.repeat(40);
  const id = '0b9f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4';
  it('round-trips, survives lower-casing, refuses a changed id or signature', () => {
    const address = replyAddress(secret, id, 'in.example.com');
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(verifyReplyToken(secret, address.toUpperCase())).toEqual({ conversationId: id });
    const token = conversationReplyToken(secret, id);
    expect(verifyReplyToken(secret, `reply+${token.replace(/^0/, '1')}@x`)).toEqual({ forged: true });
    expect(verifyReplyToken('y'.repeat(40), address)).toEqual({ forged: true });
    expect(verifyReplyToken(secret, 'reply+garbage@x')).toEqual({ forged: true });
    expect(verifyReplyToken(secret, 'support@x')).toBeNull();
  });
});
