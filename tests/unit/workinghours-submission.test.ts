import { describe, expect, it } from 'vitest';
import { SubmissionForm, WeeklySchedule, WorkingHoursSettings } from '../../src/domain/settings/schemas';
import { formFields, submissionSchema } from '../../src/domain/submissions/form';
import { isOpenAt, isTargetOpen, localTime } from '../../src/domain/workinghours/schedule';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const berlin = WeeklySchedule.parse({ timezone: 'Europe/Berlin', days: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }, holidays: ['2026-12-25'] });

describe('working hours', () => {
  it('converts instants to wall-clock time in the schedule’s zone', () => {
    expect(localTime(new Date('2026-11-23T08:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-11-23', weekday: 'mon', time: '09:30' });
    expect(localTime(new Date('2026-11-23T02:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-11-22', weekday: 'sun', time: '18:00' });
    expect(localTime(new Date('2026-11-23T20:00:00Z'), 'Asia/Tokyo')).toMatchObject({ date: '2026-11-24', weekday: 'tue', time: '05:00' });
  });

  it('opens at start and closes at end (end exclusive)', () => {
    expect(isOpenAt(berlin, new Date('2026-11-23T07:59:00Z'))).toBe(false); // 08:59 Berlin (CET, UTC+1)
    expect(isOpenAt(berlin, new Date('2026-11-23T08:00:00Z'))).toBe(true); // 09:00
    expect(isOpenAt(berlin, new Date('2026-11-23T15:59:00Z'))).toBe(true); // 16:59
    expect(isOpenAt(berlin, new Date('2026-11-23T16:00:00Z'))).toBe(false); // 17:00
    expect(isOpenAt(berlin, new Date('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
  });

  it('follows DST: 09:00 local is 07:00 UTC in summer and 08:00 UTC in winter', () => {
    // Berlin switches to CEST on 2026-03-29 and back on 2026-10-25.
    expect(isOpenAt(berlin, new Date('2026-03-27T07:30:00Z'))).toBe(false); // Fri 08:30 CET
    expect(isOpenAt(berlin, new Date('2026-03-30T07:30:00Z'))).toBe(true); // Mon 09:30 CEST
    expect(isOpenAt(berlin, new Date('2026-10-23T15:30:00Z'))).toBe(false); // Fri 17:30 CEST
    expect(isOpenAt(berlin, new Date('2026-10-26T15:30:00Z'))).toBe(true); // Mon 16:30 CET
    // New York's spring-forward night: 02:30 local does not exist; the instants either side are handled.
    const ny = WeeklySchedule.parse({ timezone: 'America/New_York', days: { sun: [{ start: '01:00', end: '04:00' }] } });
    expect(isOpenAt(ny, new Date('2026-03-08T06:30:00Z'))).toBe(true); // 01:30 EST
    expect(isOpenAt(ny, new Date('2026-03-08T07:30:00Z'))).toBe(true); // 03:30 EDT
    expect(isOpenAt(ny, new Date('2026-03-08T08:30:00Z'))).toBe(false); // 04:30 EDT
  });

  it('is closed on holidays (local date)', () => {
    expect(isOpenAt(berlin, new Date('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpenAt(berlin, new Date('2026-12-24T10:00:00Z'))).toBe(true);
  });

  it('uses a group’s own schedule when it has one, and is always open when disabled', () => {
    const group = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const tokyo = WeeklySchedule.parse({ timezone: 'Asia/Tokyo', days: { mon: nineToFive } });
    const settings = WorkingHoursSettings.parse({ enabled: true, workspace: berlin, groups: { [group]: tokyo } });
    const mondayMorningTokyo = new Date('2026-11-23T01:00:00Z'); // 10:00 Tokyo, 02:00 Berlin
    expect(isTargetOpen(settings, { type: 'group', id: group }, mondayMorningTokyo)).toBe(true);
    expect(isTargetOpen(settings, { type: 'all' }, mondayMorningTokyo)).toBe(false);
    expect(isTargetOpen({ ...settings, enabled: false }, { type: 'all' }, mondayMorningTokyo)).toBe(true);
  });
});

describe('submission form', () => {
  const form = SubmissionForm.parse({
    phone: { enabled: true, required: false, label: 'Phone' },
    custom: [
      { id: 'order', type: 'text', label: 'Order number', required: true, pattern: '^A-\\d{4}$', patternMessage: 'Order numbers look like A-1234' },
      { id: 'topic', type: 'select', label: 'Topic', options: ['Billing', 'Shipping'] },
    ],
  });

  it('lists fields in display order exactly as designed', () => {
    expect(formFields(form).map((f) => [f.id, f.required])).toEqual([
      ['name', false],
      ['email', true],
      ['phone', false],
      ['custom.order', true],
      ['custom.topic', false],
      ['content', true],
    ]);
  });

  it('accepts a valid submission and drops empty optional fields', () => {
    const parsed = submissionSchema(form).parse({ name: '', email: ' ada@example.com ', 'custom.order': 'A-1234', content: 'Where is my parcel?' });
    expect(parsed).toEqual({ email: 'ada@example.com', 'custom.order': 'A-1234', content: 'Where is my parcel?' });
  });

  it('reports every invalid field with its path and the designed messages', () => {
    const result = submissionSchema(form).safeParse({ email: 'nope', phone: 'call me', 'custom.order': 'B-1', 'custom.topic': 'Other', extra: 'x' });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.') || (i as { keys?: string[] }).keys?.join(','), i.message]));
    expect(byPath).toMatchObject({
      email: 'Email: enter a valid email address',
      phone: 'Phone: enter a valid phone number',
      'custom.order': 'Order numbers look like A-1234',
      'custom.topic': 'Topic: choose one of the options',
      content: 'Message is required',
    });
    expect(Object.values(byPath).join(' ')).toMatch(/extra|Unrecognized/);
  });

  it('refuses designs that cannot work', () => {
    expect(SubmissionForm.safeParse({ custom: [{ id: 'x', type: 'select', label: 'X', options: [] }] }).success).toBe(false);
    expect(SubmissionForm.safeParse({ custom: [{ id: 'x', type: 'text', label: 'X', pattern: '(' }] }).success).toBe(false);
    expect(SubmissionForm.safeParse({ custom: [{ id: 'x', type: 'text', label: 'X' }, { id: 'x', type: 'text', label: 'Y' }] }).success).toBe(false);
  });
});
