'use client';

import type { FormEvent } from 'react';
import { Card, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';
import { SettingsFormFooter } from './SettingsFormFooter';
import { useSettingsSection, type SettingsState } from './useSettingsSection';

/**
 * Live Chat > Settings > Chat > Customer Assignment Strategy. Edits the fields of the `assignment` section
 * that exist today; the save sends the whole section so fields added later are kept.
 */
export function AssignmentSettingsForm({ initial }: { initial: SettingsState<'assignment'> }) {
  const s = useSettingsSection('assignment', initial);
  const error = s.errors.defaultReceptionLimit;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await s.save();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
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
              value={Number.isNaN(s.value.defaultReceptionLimit) ? '' : s.value.defaultReceptionLimit}
              onChange={(e) => s.update({ defaultReceptionLimit: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
            />
          </Field>
        </div>
        <SettingsFormFooter version={s.version} saving={s.saving} dirty={s.dirty} error={s.error} success={s.success} onReset={s.reset} />
      </Card>
    </form>
  );
}
