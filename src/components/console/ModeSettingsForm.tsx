'use client';

import { Field, fieldProps } from '../ui/Field';
import { Select, Textarea } from '../ui/Input';
import { RadioCard } from './RadioCard';
import { SettingsSectionForm } from './SettingsSectionForm';
import { useSettingsSection, type SettingsState } from './useSettingsForm';

export function ModeSettingsForm({ initial }: { initial: SettingsState<'mode'> }) {
  const s = useSettingsSection('mode', initial);
  const v = s.value;
  const modeError = s.errors.mode;
  const noticeError = s.errors.noAgentNotice && !v.noAgentNotice.trim() ? 'Enter the notice visitors should see.' : s.errors.noAgentNotice;

  return (
    <SettingsSectionForm form={s} title="Reception mode" description="Switching affects new conversations only; chats already running continue as they are.">
      <div className="space-y-6 px-5 py-5">
        <fieldset aria-describedby={modeError ? 'mode-error' : undefined}>
          <legend className="sr-only">Reception mode</legend>
          <div className="grid gap-3 md:grid-cols-2">
            <RadioCard name="mode" value="realtime" checked={v.mode === 'realtime'} onChange={() => s.update({ mode: 'realtime' })} title="Real-time reception">
              A chat starts only when an online agent has free capacity. Otherwise the visitor waits in the queue or is offered to leave a
              message; with neither enabled, they see the notice below.
            </RadioCard>
            <RadioCard name="mode" value="always_on" checked={v.mode === 'always_on'} onChange={() => s.update({ mode: 'always_on' })} title="Always-on reception">
              Visitors can always write. Chats no agent can take wait in the Unassigned pool and are handed out as agents come online or
              free up. Agents reply when they can; visitors see replies when they return. No queue, no leave-a-message form.
            </RadioCard>
          </div>
          {modeError ? (
            <p id="mode-error" className="mt-2 text-sm text-red-600">
              {modeError}
            </p>
          ) : null}
        </fieldset>

        {v.mode === 'always_on' ? (
          <div className="grid gap-5 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 md:grid-cols-2">
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Assign new chats to</legend>
              <div className="mt-2 space-y-2">
                {(
                  [
                    ['online_agents', 'Online agents only', 'Offline agents never receive chats; unmatched chats wait in the Unassigned pool.'],
                    ['all_agents', 'All agents', 'Offline agents can be assigned too and answer when they return.'],
                  ] as const
                ).map(([value, label, help]) => (
                  <label key={value} className="flex gap-2 text-sm">
                    <input
                      type="radio"
                      name="assignTo"
                      value={value}
                      checked={v.alwaysOn.assignTo === value}
                      onChange={() => s.update({ alwaysOn: { ...v.alwaysOn, assignTo: value } })}
                      className="mt-0.5 h-4 w-4 accent-indigo-600"
                    />
                    <span>
                      <span className="font-medium text-slate-900">{label}</span>
                      <span className="block text-slate-600">{help}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Field
              id="unassignedOrder"
              label="Unassigned pool order"
              hint="Which waiting chat is handed out first when an agent comes online or frees capacity."
              error={s.errors['alwaysOn.unassignedOrder']}
            >
              <Select
                {...fieldProps('unassignedOrder', s.errors['alwaysOn.unassignedOrder'], true)}
                value={v.alwaysOn.unassignedOrder}
                onChange={(e) => s.update({ alwaysOn: { ...v.alwaysOn, unassignedOrder: e.target.value as typeof v.alwaysOn.unassignedOrder } })}
              >
                <option value="oldest">Oldest first</option>
                <option value="vip">VIP first</option>
                <option value="newest">Newest first</option>
              </Select>
            </Field>
          </div>
        ) : null}

        <Field
          id="noAgentNotice"
          label="“No agent available” notice"
          hint="Real-time mode: shown to the visitor when no agent can take the chat and neither the queue nor leave-a-message applies. Up to 500 characters."
          error={noticeError}
        >
          <Textarea
            {...fieldProps('noAgentNotice', noticeError, true)}
            rows={3}
            maxLength={500}
            value={v.noAgentNotice}
            onChange={(e) => s.update({ noAgentNotice: e.target.value })}
          />
        </Field>
      </div>
    </SettingsSectionForm>
  );
}
