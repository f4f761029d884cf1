import { describe, expect, it } from 'vitest';
import { change, duration, presetRange, readState, writeState } from '../../src/components/reports/state';
import { neutralise } from '../../src/domain/reports/csv';
import { localIso } from '../../src/domain/reports/raw';
import { previousPeriod, ReportQuery } from '../../src/domain/reports/params';

describe('reports console state', () => {
  const now = new Date('2026-03-29T22:30:00Z'); // Mon 30 00:30 in Berlin, still Sun 29 in UTC
  it('presets are days of the report zone', () => {
    expect(presetRange('today', 'Europe/Berlin', now)).toEqual({ from: '2026-03-30', to: '2026-03-31' });
    expect(presetRange('today', 'UTC', now)).toEqual({ from: '2026-03-29', to: '2026-03-30' });
    expect(presetRange('yesterday', 'UTC', now)).toEqual({ from: '2026-03-28', to: '2026-03-29' });
    expect(presetRange('7d', 'UTC', now)).toEqual({ from: '2026-03-23', to: '2026-03-30' });
    expect(presetRange('month', 'UTC', now)).toEqual({ from: '2026-03-01', to: '2026-03-30' });
  });
  it('the URL round-trips the state; a broken custom range falls back to a preset', () => {
    const s = readState(new URLSearchParams('tab=agents&preset=custom&from=2026-03-01&to=2026-03-08&groupBy=week&channel=mobile&wh=1'), 'UTC');
    expect(s).toMatchObject({ tab: 'agents', preset: 'custom', from: '2026-03-01', to: '2026-03-08', groupBy: 'week', channel: 'mobile', workingHours: true });
    expect(readState(new URLSearchParams(writeState(s)), 'UTC')).toEqual(s);
    expect(readState(new URLSearchParams('preset=custom&from=2026-03-08&to=2026-03-01'), 'UTC').preset).toBe('7d');
  });
  it('formats durations and changes for people', () => {
    expect(duration(45.4)).toBe('45s');
    expect(duration(150)).toBe('2m 30s');
    expect(duration(3900)).toBe('1h 05m');
    expect(duration(null)).toBe('–');
    expect(change(12, 10)).toEqual({ text: '+20 %', direction: 'up' });
    expect(change(5, 0)).toEqual({ text: 'new', direction: 'up' });
    expect(change(null, 3)).toBeNull();
  });
});

describe('reports query and CSV helpers', () => {
  it('validates the query with human messages', () => {
    expect(ReportQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }).error?.issues[0].message).toBe('The end date must be after the start date');
    expect(ReportQuery.safeParse({ from: '2026-02-30', to: '2026-03-01' }).error?.issues[0].message).toBe('Not a real date');
    expect(ReportQuery.safeParse({ from: '2026-13-01', to: '2026-14-01' }).error?.issues[0].message).toBe('Not a real date');
    expect(ReportQuery.parse({ from: '2026-03-01', to: '2026-03-02', workingHours: 'false' }).workingHours).toBe(false);
    expect(previousPeriod({ from: '2026-03-23', to: '2026-03-30' })).toEqual({ from: '2026-03-16', to: '2026-03-23' });
  });
  it('neutralises formula cells, never numbers', () => {
    expect(neutralise('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutralise('+1')).toBe("'+1");
    expect(neutralise('-x')).toBe("'-x");
    expect(neutralise('@cmd')).toBe("'@cmd");
    expect(neutralise('plain')).toBe('plain');
    expect(neutralise(-5)).toBe(-5);
  });
  it('local times carry the zone offset of that instant (DST)', () => {
    expect(localIso('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00+01:00');
    expect(localIso('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(localIso('2026-03-29T01:30:00Z', 'UTC')).toBe('2026-03-29T01:30:00+00:00');
  });
});
