import { describe, expect, it } from 'vitest';
import { formatDateTime, SERVER_VIEWER } from '../../src/lib/format/datetime';

const at = '2026-12-07T13:05:09.000Z';

describe('one date/time formatter: the viewer’s locale and time zone', () => {
  it('formats in the viewer’s time zone', () => {
    expect(formatDateTime(at, 'time', { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('14:05');
    expect(formatDateTime(at, 'time', { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('22:05');
    expect(formatDateTime('2026-12-07T23:30:00Z', 'date', { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('8 Dec 2026');
  });

  it('formats in the viewer’s locale', () => {
    expect(formatDateTime(at, 'datetime', { locale: 'en-US', timeZone: 'UTC' })).toBe('Dec 7, 2026, 1:05 PM');
    expect(formatDateTime(at, 'datetime', { locale: 'en-GB', timeZone: 'UTC' })).toBe('7 Dec 2026, 13:05');
    expect(formatDateTime(at, 'date', { locale: 'de-DE', timeZone: 'UTC' })).toBe('07.12.2026');
    expect(formatDateTime(at, 'time-seconds', { locale: 'en-GB', timeZone: 'UTC' })).toBe('13:05:09');
  });

  it('shows only the time for today and the date otherwise (auto)', () => {
    const viewer = { locale: 'en-GB', timeZone: 'UTC' };
    expect(formatDateTime(at, 'auto', viewer, new Date('2026-12-07T20:00:00Z'))).toBe('13:05');
    expect(formatDateTime(at, 'auto', viewer, new Date('2026-12-09T20:00:00Z'))).toBe('7 Dec 2026, 13:05');
  });

  it('accepts dates, ISO strings and epoch milliseconds; a missing or broken date is a dash', () => {
    const viewer = { locale: 'en-GB', timeZone: 'UTC' };
    expect(formatDateTime(new Date(at), 'time', viewer)).toBe('13:05');
    expect(formatDateTime(Date.parse(at), 'time', viewer)).toBe('13:05');
    expect(formatDateTime(null, 'time', viewer)).toBe('—');
    expect(formatDateTime('not a date', 'time', viewer)).toBe('—');
  });

  it('survives a broken locale or zone from the browser', () => {
    expect(formatDateTime(at, 'time', { locale: 'en-GB', timeZone: 'Mars/Olympus' })).toBe('1:05 PM');
    expect(formatDateTime(at, 'time', SERVER_VIEWER)).toBe('1:05 PM');
  });
});
