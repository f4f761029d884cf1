'use client';

import { useState, type FormEvent } from 'react';
import type { SettingsValue, WeeklySchedule } from '../../domain/settings/schemas';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { cn } from '../ui/cn';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select } from '../ui/Input';
import { errorAt } from './routing-form';
import { SettingsFormFooter } from './SettingsFormFooter';
import type { GroupRow } from './types';
import { useSettingsForm } from './useSettingsForm';
import type { SettingsState } from './useSettingsSection';

type Value = SettingsValue<'workingHours'>;
type Day = keyof WeeklySchedule['days'];
const DAYS: { key: Day; label: string }[] = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];

interface WorkingHoursFormState {
  enabled: boolean;
  workspace: WeeklySchedule;
  /** Group schedules in the order shown. */
  groups: { groupId: string; schedule: WeeklySchedule }[];
}

export function toWorkingHoursForm(value: Value, groupOrder: string[]): WorkingHoursFormState {
  const rank = (id: string) => (groupOrder.includes(id) ? groupOrder.indexOf(id) : groupOrder.length);
  return {
    enabled: value.enabled,
    workspace: value.workspace,
    groups: Object.entries(value.groups)
      .map(([groupId, schedule]) => ({ groupId, schedule }))
      .sort((a, b) => rank(a.groupId) - rank(b.groupId)),
  };
}

export function fromWorkingHoursForm(form: WorkingHoursFormState): Value {
  return { enabled: form.enabled, workspace: form.workspace, groups: Object.fromEntries(form.groups.map((g) => [g.groupId, g.schedule])) };
}

/** Console > Working hours: the weekly schedule (time zone, hours per day, holidays), optionally per skill group. */
export function WorkingHoursForm({ initial, groups, timezones }: { initial: SettingsState<'workingHours'>; groups: GroupRow[]; timezones: string[] }) {
  const order = groups.map((g) => g.id);
  const s = useSettingsForm('workingHours', initial, (v) => toWorkingHoursForm(v, order), fromWorkingHoursForm);
  const f = s.form;
  const set = (patch: Partial<WorkingHoursFormState>) => s.setForm((current) => ({ ...current, ...patch }));
  const freeGroups = groups.filter((g) => !f.groups.some((x) => x.groupId === g.id));
  const [groupToAdd, setGroupToAdd] = useState('');

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    await s.save();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <Card as="div">
        <CardHeader title="Working hours" description="Outside these hours, real-time chats skip closed targets (overflow) and visitors can be offered the leave-a-message form." />
        <div className="space-y-3 px-5 py-5">
          <label htmlFor="whEnabled" className="flex cursor-pointer gap-3">
            <input id="whEnabled" type="checkbox" className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} aria-describedby="whEnabled-help" />
            <span>
              <span className="block text-sm font-medium text-slate-900">Use working hours</span>
              <span id="whEnabled-help" className="block text-sm text-slate-600">
                Off: always open. A day with no hours is closed all day.
              </span>
            </span>
          </label>
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Workspace schedule" description="Applies to every chat, except skill groups with their own schedule below." />
        <div className={cn('px-5 py-5', !f.enabled && 'opacity-60')}>
          <ScheduleEditor idPrefix="ws" schedule={f.workspace} onChange={(workspace) => set({ workspace })} timezones={timezones} error={(path) => errorAt(s.errors, `workspace${path ? `.${path}` : ''}`)} />
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Per skill group" description="A skill group with its own schedule (e.g. a support team in another time zone). Groups not listed follow the workspace schedule." />
        <div className={cn('space-y-5 px-5 py-5', !f.enabled && 'opacity-60')}>
          {groups.length === 0 ? <p className="text-sm text-slate-500">No skill groups yet. Create them on the Skill groups page.</p> : null}
          {f.groups.map((g, i) => {
            const name = groups.find((x) => x.id === g.groupId)?.name ?? 'Deleted group';
            return (
              <section key={g.groupId} aria-label={`Schedule of ${name}`} className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="group-schedule">
                <div className="mb-3 flex items-center justify-between gap-3">
                  <h3 className="text-sm font-semibold text-slate-900">{name}</h3>
                  <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => set({ groups: f.groups.filter((_, j) => j !== i) })}>
                    Remove<span className="sr-only"> the schedule of {name}</span>
                  </Button>
                </div>
                <ScheduleEditor
                  idPrefix={`g${i}`}
                  schedule={g.schedule}
                  onChange={(schedule) => set({ groups: f.groups.map((x, j) => (j === i ? { ...x, schedule } : x)) })}
                  timezones={timezones}
                  error={(path) => errorAt(s.errors, `groups.${g.groupId}${path ? `.${path}` : ''}`)}
                />
              </section>
            );
          })}
          {freeGroups.length ? (
            <div className="flex flex-wrap items-end gap-2">
              <Field id="addGroup" label="Add a schedule for" className="w-64">
                <Select id="addGroup" value={groupToAdd} onChange={(e) => setGroupToAdd(e.target.value)}>
                  <option value="">Choose a skill group…</option>
                  {freeGroups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button
                variant="secondary"
                disabled={!groupToAdd}
                onClick={() => {
                  set({ groups: [...f.groups, { groupId: groupToAdd, schedule: structuredClone(f.workspace) }] });
                  setGroupToAdd('');
                }}
              >
                Add group schedule
              </Button>
            </div>
          ) : null}
        </div>
      </Card>

      <div className="sticky bottom-0 z-10 rounded-b-lg shadow-[0_-4px_12px_-6px_rgba(15,23,42,0.15)]">
        <SettingsFormFooter version={s.version} saving={s.saving} dirty={s.dirty} error={s.error} success={s.success} onReset={s.reset} />
      </div>
    </form>
  );
}

function ScheduleEditor({
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
