import { describe, expect, it } from 'vitest';
import { contrastRatio, originAllowed, socketOriginAllowed, textOn, WidgetSettings } from '../../src/domain/settings/schemas-widget';
import { nextOpening, replyExpectation, typicalMinutes } from '../../src/domain/widget/availability';
import { WorkingHoursSettings } from '../../src/domain/settings/schemas';
import { unreadAgentMessages } from '../../src/components/widget/unread';
import { groupMessages } from '../../src/components/widget/grouping';
import type { MessageDto } from '../../src/domain/conversations/types';

describe('widget settings', () => {
  it('fills defaults and refuses bad input', () => {
    const d = WidgetSettings.parse({});
    expect(d.brandColor).toBe('#4f46e5');
    expect(d.allowedDomains).toEqual([]);
    expect(WidgetSettings.safeParse({ brandColor: 'red' }).success).toBe(false);
    expect(WidgetSettings.safeParse({ allowedDomains: ['https://x.com/path'] }).success).toBe(false);
    expect(WidgetSettings.safeParse({ logoUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(WidgetSettings.safeParse({ texts: { greeting: { xx: 'hi' } } }).success).toBe(false);
    expect(WidgetSettings.parse({ allowedDomains: ['Shop.Example.com'] }).allowedDomains).toEqual(['shop.example.com']);
  });

  it('picks readable text on the brand colour', () => {
    expect(textOn('#4f46e5')).toBe('#ffffff');
    expect(textOn('#fde047')).toBe('#0f172a');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 0);
  });

  it('matches embedding origins against the allowed domains', () => {
    expect(originAllowed([], 'https://anything.example')).toBe(true);
    const allowed = ['example.com', '*.shop.example', 'http://127.0.0.1:8080'];
    expect(originAllowed(allowed, 'https://example.com')).toBe(true);
    expect(originAllowed(allowed, 'https://www.example.com')).toBe(false);
    expect(originAllowed(allowed, 'https://eu.shop.example')).toBe(true);
    expect(originAllowed(allowed, 'https://shop.example.evil.com')).toBe(false);
    expect(originAllowed(allowed, 'http://127.0.0.1:8080')).toBe(true);
    expect(originAllowed(allowed, 'http://127.0.0.1:9090')).toBe(false);
    expect(originAllowed(allowed, null)).toBe(false);
    expect(socketOriginAllowed(allowed, ['https://chat.example'], 'https://chat.example')).toBe(true);
    expect(socketOriginAllowed(allowed, ['https://chat.example'], 'https://evil.example')).toBe(false);
  });
});

describe('we reply in …', () => {
  const hours = WorkingHoursSettings.parse({ enabled: true, workspace: { timezone: 'Europe/Berlin', days: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] } } });
  it('online agents within working hours: the typical first response', () => {
    const at = new Date('2026-12-01T10:00:00Z'); // Tuesday 11:00 in Berlin
    expect(replyExpectation({ onlineAgents: [{ name: 'Alice' }], workingHours: hours, at, firstResponseSeconds: [30, 400, 90] })).toEqual({ kind: 'online', minutes: 2, agents: [{ name: 'Alice' }] });
  });
  it('nobody online or outside hours: when the team is back', () => {
    const tuesdayEvening = new Date('2026-12-01T18:00:00Z');
    expect(replyExpectation({ onlineAgents: [{ name: 'Alice' }], workingHours: hours, at: tuesdayEvening, firstResponseSeconds: [] })).toEqual({ kind: 'away', backAt: { weekday: 'mon', time: '09:00', daysAhead: 6 } });
    const mondayEarly = new Date('2026-11-30T06:00:00Z');
    expect(nextOpening(hours.workspace, mondayEarly)).toEqual({ weekday: 'mon', time: '09:00', daysAhead: 0 });
    expect(replyExpectation({ onlineAgents: [], workingHours: WorkingHoursSettings.parse({}), at: mondayEarly, firstResponseSeconds: [] })).toEqual({ kind: 'away', backAt: null });
  });
  it('median in minutes', () => {
    expect(typicalMinutes([])).toBeNull();
    expect(typicalMinutes([10])).toBe(1);
    expect(typicalMinutes([600, 60, 3600])).toBe(10);
  });
});

const m = (seq: number, senderType: MessageDto['senderType'], createdAt = '2026-12-01T10:00:10Z', conversationId = 'c1'): MessageDto => ({
  id: `m${seq}`,
  conversationId,
  seq,
  senderType,
  senderId: senderType === 'agent' ? 'a1' : null,
  senderName: senderType === 'agent' ? 'Alice' : null,
  body: `body ${seq}`,
  clientMsgId: null,
  createdAt,
});

describe('unread and grouping', () => {
  it('counts agent messages after the seen marker', () => {
    const list = [m(1, 'visitor'), m(2, 'agent'), m(3, 'agent'), m(4, 'system')];
    expect(unreadAgentMessages(list, 'c1:2').map((x) => x.seq)).toEqual([3]);
    expect(unreadAgentMessages(list, 'c1:3')).toEqual([]);
    expect(unreadAgentMessages(list, null).map((x) => x.seq)).toEqual([2, 3]);
    expect(unreadAgentMessages(list, 'other:9').map((x) => x.seq)).toEqual([2, 3]);
  });
  it('groups by sender and minute', () => {
    const groups = groupMessages([m(1, 'visitor'), m(2, 'agent'), m(3, 'agent', '2026-12-01T10:00:50Z'), m(4, 'agent', '2026-12-01T10:01:05Z'), m(5, 'system'), m(6, 'system')]);
    expect(groups.map((g) => g.messages.map((x) => x.seq))).toEqual([[1], [2, 3], [4], [5], [6]]);
  });
});
