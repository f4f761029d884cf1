'use client';

import { Card, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';
import { RuleList, TargetingFields, type Directory } from './AssignmentRulesEditor';
import { errorAt, fromAssignmentForm, newRule, toAssignmentForm, type AssignmentForm } from './routing-form';
import { SettingsSectionForm } from './SettingsSectionForm';
import { useSettingsForm } from './useSettingsForm';
import type { SettingsState } from './useSettingsForm';

/**
 * Live Chat > Settings > Chat > Customer Assignment Strategy: default reception limit, the ordered
 * assignment rules, the default rule and auto-transfer. One save sends the whole section.
 */
export function AssignmentSettingsForm({ initial, directory }: { initial: SettingsState<'assignment'>; directory: Directory }) {
  const s = useSettingsForm('assignment', initial, toAssignmentForm, fromAssignmentForm);
  const f = s.form;
  const set = (patch: Partial<AssignmentForm>) => s.setForm((current) => ({ ...current, ...patch }));
  const error = errorAt(s.errors, 'defaultReceptionLimit');
  const secondsError = errorAt(s.errors, 'autoTransfer.seconds');

  return (
    <SettingsSectionForm form={s} cards>
      <Card as="div">
        <CardHeader
          title="Reception limit"
          description="The most chats an agent handles at the same time. Only online agents under their limit receive new chats."
        />
        <div className="px-5 py-5">
          <Field
            id="defaultReceptionLimit"
            label="Default reception limit (chats per agent)"
            hint="Applies to every agent without a personal limit (set one on the Agents page). Between 1 and 100."
            error={error}
            className="max-w-xs"
          >
            <Input
              {...fieldProps('defaultReceptionLimit', error, true)}
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              step={1}
              value={f.defaultReceptionLimit}
              onChange={(e) => set({ defaultReceptionLimit: e.target.value })}
            />
          </Field>
        </div>
      </Card>

      <Card as="div">
        <CardHeader
          id="rules-title"
          title="Assignment rules"
          description="Checked top to bottom: the first enabled rule whose conditions all match routes the chat. A target designated by the embed code always comes first."
        />
        <div className="px-5 py-5">
          <RuleList
            rules={f.rules}
            onChange={(rules) => set({ rules })}
            onAdd={() => {
              const rule = newRule(f.rules);
              set({ rules: [...f.rules, rule] });
              return rule.id;
            }}
            directory={directory}
            errors={s.errors}
          />
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Default rule" description="Routes every chat no rule matches. It always exists and cannot be deleted." />
        <div className="px-5 py-5">
          <TargetingFields
            idPrefix="default-rule"
            value={f.defaultRule}
            onChange={(patch) => set({ defaultRule: { ...f.defaultRule, ...patch } })}
            directory={directory}
            errors={s.errors}
            errorPrefix="defaultRule"
          />
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Auto-transfer" description="Moves a chat to another agent when the assigned agent has not replied in time. Never back to an agent who already had it." />
        <div className="flex flex-wrap items-start gap-x-8 gap-y-4 px-5 py-5">
          <label className="mt-8 inline-flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              className="h-4 w-4 accent-indigo-600"
              checked={f.autoTransfer.enabled}
              onChange={(e) => set({ autoTransfer: { ...f.autoTransfer, enabled: e.target.checked } })}
            />
            Transfer unanswered chats automatically
          </label>
          <Field id="autoTransferSeconds" label="After (seconds without a reply)" hint="10 to 3600." error={secondsError} className="w-56">
            <Input
              {...fieldProps('autoTransferSeconds', secondsError, true)}
              type="number"
              inputMode="numeric"
              min={10}
              max={3600}
              value={f.autoTransfer.seconds}
              onChange={(e) => set({ autoTransfer: { ...f.autoTransfer, seconds: e.target.value } })}
            />
          </Field>
        </div>
      </Card>

    </SettingsSectionForm>
  );
}
