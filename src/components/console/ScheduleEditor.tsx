'use client';

import { useState } from 'react';
import type { WeeklySchedule } from '../../domain/settings/schemas';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select } from '../ui/Input';

export type Day = keyof WeeklySchedule['days'];
const DAYS: { key: Day; label: string }[] = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];

export function ScheduleEditor({
  idPrefix,
  schedule,
  onChange,
  timezones,
  error,
}: {
  idPrefix: string;
  schedule: WeeklySchedule;
  onChange: (next: WeeklySchedule) => void;
  timezones: string[];
  error: (path: string) => string | undefined;
}) {
  const [holiday, setHoliday] = useState('');
  const setDay = (day: Day, ranges: WeeklySchedule['days'][Day]) => onChange({ ...schedule, days: { ...schedule.days, [day]: ranges } });
  const zones = timezones.includes(schedule.timezone) ? timezones : [schedule.timezone, ...timezones];
  const tzId = `${idPrefix}-timezone`;
  const holidaysError = error('holidays');

  return (
    <div className="space-y-6">
      <Field id={tzId} label="Time zone" hint="Hours are wall-clock times in this zone; daylight saving time is handled." error={error('timezone')} className="max-w-sm">
        <Select {...fieldProps(tzId, error('timezone'), true)} value={schedule.timezone} onChange={(e) => onChange({ ...schedule, timezone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Weekly hours</legend>
        <ul className="mt-2 divide-y divide-slate-100">
          {DAYS.map(({ key, label }) => {
            const ranges = schedule.days[key];
            return (
              <li key={key} className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-start" data-testid={`day-${key}`}>
                <span className="w-28 shrink-0 pt-2 text-sm font-medium text-slate-800">{label}</span>
                <div className="min-w-0 flex-1 space-y-2">
                  {ranges.length === 0 ? <p className="pt-2 text-sm text-slate-500">Closed</p> : null}
                  {ranges.map((r, i) => {
                    const startErr = error(`days.${key}.${i}.start`);
                    const endErr = error(`days.${key}.${i}.end`);
                    const rid = `${idPrefix}-${key}-${i}`;
                    return (
                      <div key={i}>
                        <div className="flex flex-wrap items-center gap-2">
                          <div className="w-24">
                          <Input
                            {...fieldProps(`${rid}-start`, startErr)}
                            aria-label={`${label} range ${i + 1} opens at`}
                            className="h-9 font-mono"
                            placeholder="09:00"
                            maxLength={5}
                            value={r.start}
                            onChange={(e) => setDay(key, ranges.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))}
                          />
                          </div>
                          <span className="text-sm text-slate-500">to</span>
                          <div className="w-24">
                          <Input
                            {...fieldProps(`${rid}-end`, endErr)}
                            aria-label={`${label} range ${i + 1} closes at`}
                            className="h-9 font-mono"
                            placeholder="17:00"
                            maxLength={5}
                            value={r.end}
                            onChange={(e) => setDay(key, ranges.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))}
                          />
                          </div>
                          <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setDay(key, ranges.filter((_, j) => j !== i))}>
                            Remove<span className="sr-only">{` ${label} range ${i + 1}`}</span>
                          </Button>
                        </div>
                        {startErr || endErr ? (
                          <p id={startErr ? `${rid}-start-error` : `${rid}-end-error`} className="mt-1 text-sm text-red-600">
                            {startErr ?? endErr}
                          </p>
                        ) : null}
                      </div>
                    );
                  })}
                </div>
                <div className="flex shrink-0 gap-1">
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={ranges.length >= 6}
                    onClick={() => {
                      const last = ranges[ranges.length - 1];
                      setDay(key, [...ranges, last ? { start: last.end < '23:00' ? last.end : '23:00', end: '24:00' } : { start: '09:00', end: '17:00' }]);
                    }}
                  >
                    Add hours<span className="sr-only"> on {label}</span>
                  </Button>
                  {key === 'mon' ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => onChange({ ...schedule, days: { ...schedule.days, tue: ranges, wed: ranges, thu: ranges, fri: ranges } })}
                    >
                      Copy to Tue–Fri
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
        <p className="mt-2 text-xs text-slate-500">Times as HH:MM (24-hour); 24:00 closes at midnight. Hours past midnight go on the next day.</p>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Holidays</legend>
        <p className="text-sm text-slate-600">Closed all day on these dates (in the schedule&apos;s time zone).</p>
        {schedule.holidays.length ? (
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="Holidays">
            {schedule.holidays.map((d, i) => (
              <li key={`${d}-${i}`} className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-1 pl-2.5 pr-1 text-sm text-slate-800">
                <span className={cn('font-mono', error(`holidays.${i}`) && 'text-red-700')}>{d}</span>
                <button
                  type="button"
                  className="rounded px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  onClick={() => onChange({ ...schedule, holidays: schedule.holidays.filter((_, j) => j !== i) })}
                  aria-label={`Remove holiday ${d}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-500">No holidays.</p>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <div className="w-44">
            <Input type="date" aria-label="Holiday date" className="h-9" value={holiday} onChange={(e) => setHoliday(e.target.value)} />
          </div>
          <Button
            variant="secondary"
            size="sm"
            disabled={!holiday || schedule.holidays.includes(holiday)}
            onClick={() => {
              onChange({ ...schedule, holidays: [...schedule.holidays, holiday].sort() });
              setHoliday('');
            }}
          >
            Add holiday
          </Button>
        </div>
        {holidaysError ? <p className="mt-1 text-sm text-red-600">{holidaysError}</p> : null}
      </fieldset>
    </div>
  );
}
