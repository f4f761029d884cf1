'use client';

import { useState } from 'react';
import type { SettingsValue, WeeklySchedule } from '../../domain/settings/schemas';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { cn } from '../ui/cn';
import { Field } from '../ui/Field';
import { Select } from '../ui/Input';
import { errorAt } from './routing-form';
import { SettingsSectionForm } from './SettingsSectionForm';
import type { GroupRow } from './types';
import { useSettingsForm } from './useSettingsForm';
import type { SettingsState } from './useSettingsForm';
import { ScheduleEditor } from './ScheduleEditor';

type Value = SettingsValue<'workingHours'>;

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

  return (
    <SettingsSectionForm form={s} cards>
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

    </SettingsSectionForm>
  );
}

