'use client';

import { fillQueueMessage } from '../../domain/queue/wait';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select, Textarea } from '../ui/Input';
import { RadioCard } from './RadioCard';
import { errorAt } from './routing-form';
import { fromQueueForm, nextFreeGroup, toQueueForm, type QueueForm } from './queue-form';
import { SettingsSectionForm } from './SettingsSectionForm';
import type { GroupRow } from './types';
import { useSettingsForm } from './useSettingsForm';
import type { SettingsState } from './useSettingsForm';

/** The sample the previews use: third in line, about four minutes to wait. */
const PREVIEW_POSITION = 3;
const PREVIEW_WAIT_SECONDS = 240;

function Toggle({ id, checked, onChange, label, help }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string; help: string }) {
  return (
    <label htmlFor={id} className="flex cursor-pointer gap-3">
      <input id={id} type="checkbox" className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-help`} />
      <span>
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        <span id={`${id}-help`} className="block text-sm text-slate-600">
          {help}
        </span>
      </span>
    </label>
  );
}

function MessageField({
  id,
  label,
  value,
  onChange,
  error,
  preview,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  preview: boolean;
  hint?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint ?? 'Up to 500 characters.'} error={error}>
      <Textarea {...fieldProps(id, error, true)} rows={2} maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />
      {preview && value.trim() ? (
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid={`${id}-preview`}>
          <span className="mr-1.5 text-xs font-semibold uppercase tracking-wide text-indigo-500">Preview</span>
          {fillQueueMessage(value, PREVIEW_POSITION, PREVIEW_WAIT_SECONDS)}
        </p>
      ) : null}
    </Field>
  );
}

/** Live Chat > Settings > Chat > Customer Assignment Strategy > Queue Settings (real-time reception only). */
export function QueueSettingsForm({ initial, groups }: { initial: SettingsState<'queue'>; groups: GroupRow[] }) {
  const order = groups.map((g) => g.id);
  const s = useSettingsForm('queue', initial, (v) => toQueueForm(v, order), fromQueueForm);
  const f = s.form;
  const set = (patch: Partial<QueueForm>) => s.setForm((current) => ({ ...current, ...patch }));
  const e = (path: string) => errorAt(s.errors, path);
  const free = nextFreeGroup(f.groupLimits, groups);

  return (
    <SettingsSectionForm form={s} cards>
      <Card as="div">
        <CardHeader title="Queue" description="When every agent who could take a chat is busy or at their limit, the visitor waits in line. First in, first out." />
        <div className="space-y-5 px-5 py-5">
          <Toggle
            id="queueEnabled"
            checked={f.enabled}
            onChange={(enabled) => set({ enabled })}
            label="Let visitors wait in a queue"
            help="Off: a visitor nobody can serve at once is offered to leave a message (if enabled) or sees the “no agent available” notice."
          />
          <Toggle
            id="vipPriority"
            checked={f.vipPriority}
            onChange={(vipPriority) => set({ vipPriority })}
            label="VIP visitors go first"
            help="VIP visitors are placed ahead of everyone else in the queue; among themselves, first in, first out."
          />
          <Field id="maxLength" label="Maximum queue length" hint="Chats waiting in the whole workspace; visitors beyond it get the “queue full” message. 1 to 10000." error={e('maxLength')} className="max-w-xs">
            <Input
              {...fieldProps('maxLength', e('maxLength'), true)}
              type="number"
              inputMode="numeric"
              min={1}
              max={10000}
              value={f.maxLength}
              onChange={(ev) => set({ maxLength: ev.target.value })}
            />
          </Field>
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Per skill group" description="A lower limit for the queue of one skill group. Groups without a limit use only the workspace maximum." />
        <div className="space-y-3 px-5 py-5">
          {groups.length === 0 ? (
            <p className="text-sm text-slate-500">No skill groups yet. Create them on the Skill groups page.</p>
          ) : f.groupLimits.length === 0 ? (
            <p className="text-sm text-slate-500">No group limits.</p>
          ) : (
            <ul className="space-y-2" aria-label="Queue limits per skill group">
              {f.groupLimits.map((row, i) => {
                const err = e(`groupMaxLength.${row.groupId}`);
                const groupName = groups.find((g) => g.id === row.groupId)?.name ?? 'Deleted group';
                return (
                  <li key={i} className="flex flex-wrap items-start gap-2">
                    <div className="w-56">
                      <Select
                        aria-label={`Skill group of limit ${i + 1}`}
                        value={row.groupId}
                        onChange={(ev) => set({ groupLimits: f.groupLimits.map((r, j) => (j === i ? { ...r, groupId: ev.target.value } : r)) })}
                      >
                        {groups.some((g) => g.id === row.groupId) ? null : <option value={row.groupId}>Deleted group (remove it)</option>}
                        {groups
                          .filter((g) => g.id === row.groupId || !f.groupLimits.some((r) => r.groupId === g.id))
                          .map((g) => (
                            <option key={g.id} value={g.id}>
                              {g.name}
                            </option>
                          ))}
                      </Select>
                    </div>
                    <div className="w-40">
                      <Input
                        {...fieldProps(`group-limit-${i}`, err)}
                        aria-label={`Maximum queue length for ${groupName}`}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={10000}
                        value={row.max}
                        onChange={(ev) => set({ groupLimits: f.groupLimits.map((r, j) => (j === i ? { ...r, max: ev.target.value } : r)) })}
                      />
                      {err ? (
                        <p id={`group-limit-${i}-error`} className="mt-1 text-sm text-red-600">
                          {err}
                        </p>
                      ) : null}
                    </div>
                    <Button variant="ghost" size="md" className="text-red-700 hover:bg-red-50" onClick={() => set({ groupLimits: f.groupLimits.filter((_, j) => j !== i) })}>
                      Remove<span className="sr-only"> the limit for {groupName}</span>
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          {groups.length ? (
            <Button variant="secondary" size="sm" disabled={!free} onClick={() => free && set({ groupLimits: [...f.groupLimits, { groupId: free, max: '10' }] })}>
              Add group limit
            </Button>
          ) : null}
        </div>
      </Card>

      <Card as="div">
        <CardHeader
          title="Queue messages"
          description={
            <>
              Use <code className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">{'{position}'}</code> for the visitor&apos;s place in line and{' '}
              <code className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">{'{wait}'}</code> for the estimated wait (from recent chat durations and
              online capacity, e.g. “about 4 min”). Previews show a visitor third in line.
            </>
          }
        />
        <div className="space-y-5 px-5 py-5">
          <MessageField id="enterMessage" label="On entering the queue" value={f.enterMessage} onChange={(enterMessage) => set({ enterMessage })} error={e('enterMessage')} preview />
          <MessageField
            id="updateMessage"
            label="When the queue moves"
            value={f.updateMessage}
            onChange={(updateMessage) => set({ updateMessage })}
            error={e('updateMessage')}
            preview
            hint="Shown live in the widget each time the visitor moves up. Up to 500 characters."
          />
          <MessageField
            id="fullMessage"
            label="When the queue is full"
            value={f.fullMessage}
            onChange={(fullMessage) => set({ fullMessage })}
            error={e('fullMessage')}
            preview={false}
            hint="The visitor is not queued, so there is no position or wait to show. Up to 500 characters."
          />
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Queue timeout" description="What happens to a visitor who has waited too long." />
        <div className="space-y-5 px-5 py-5">
          <Field id="timeoutMinutes" label="Time out after (minutes)" hint="0 = never time out. Up to 1440 (one day)." error={e('timeoutMinutes')} className="max-w-xs">
            <Input
              {...fieldProps('timeoutMinutes', e('timeoutMinutes'), true)}
              type="number"
              inputMode="numeric"
              min={0}
              max={1440}
              value={f.timeoutMinutes}
              onChange={(ev) => set({ timeoutMinutes: ev.target.value })}
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Then</legend>
            <div className="mt-1.5 grid gap-3 md:grid-cols-2">
              <RadioCard name="timeoutAction" value="offer_submission" checked={f.timeoutAction === 'offer_submission'} onChange={() => set({ timeoutAction: 'offer_submission' })} title="Offer to leave a message">
                The visitor leaves the queue and gets the leave-a-message form, with the message below.
              </RadioCard>
              <RadioCard name="timeoutAction" value="end" checked={f.timeoutAction === 'end'} onChange={() => set({ timeoutAction: 'end' })} title="End the chat with a message">
                The visitor leaves the queue, sees the message below, and the chat ends.
              </RadioCard>
            </div>
            {e('timeoutAction') ? <p className="mt-1.5 text-sm text-red-600">{e('timeoutAction')}</p> : null}
          </fieldset>
          <MessageField id="timeoutMessage" label="Timeout message" value={f.timeoutMessage} onChange={(timeoutMessage) => set({ timeoutMessage })} error={e('timeoutMessage')} preview={false} />
          <Field id="abandonAfterSeconds" label="Visitor gone for (seconds)" hint="A waiting visitor who closed the page this long ago leaves the queue (counted as abandoned). 0 = never." error={e('abandonAfterSeconds')} className="max-w-xs">
            <Input
              {...fieldProps('abandonAfterSeconds', e('abandonAfterSeconds'), true)}
              type="number"
              inputMode="numeric"
              min={0}
              max={3600}
              value={f.abandonAfterSeconds}
              onChange={(ev) => set({ abandonAfterSeconds: ev.target.value })}
            />
          </Field>
        </div>
      </Card>

    </SettingsSectionForm>
  );
}
