'use client';

import { useEffect, useState } from 'react';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select } from '../ui/Input';
import { CHANNELS, describeConditions, errorAt, hasErrorsUnder, METHODS, move, targetLabel, type RuleForm } from './routing-form';
import { CheckboxChips } from '../ui/pickers';
import { IconButton, TargetingFields, type Directory, type Errors } from './TargetingFields';

export { TargetingFields, type Directory } from './TargetingFields';


function ConditionsFields({ idPrefix, rule, onChange, errors, errorPrefix }: { idPrefix: string; rule: RuleForm; onChange: (patch: Partial<RuleForm>) => void; errors: Errors; errorPrefix: string }) {
  const e = (field: string) => errorAt(errors, `${errorPrefix}.conditions.${field}`);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <CheckboxChips
        className="md:col-span-2"
        idPrefix={`${idPrefix}-channel`}
        legend="Channels"
        options={CHANNELS}
        value={rule.channels}
        onChange={(channels) => onChange({ channels })}
        hint="None ticked = any channel."
        error={e('channels')}
      />

      <Field id={`${idPrefix}-url`} label="Entry page URL" hint="Use * for any characters, e.g. *example.com/pricing*. Empty = any page." error={e('entryUrlPattern')}>
        <Input
          {...fieldProps(`${idPrefix}-url`, e('entryUrlPattern'), true)}
          value={rule.entryUrlPattern}
          maxLength={500}
          placeholder="*/pricing*"
          onChange={(ev) => onChange({ entryUrlPattern: ev.target.value })}
        />
      </Field>
      <Field id={`${idPrefix}-tags`} label="Visitor tags" hint="Comma-separated; the visitor has at least one of them. Empty = no tag condition." error={e('tags')}>
        <Input {...fieldProps(`${idPrefix}-tags`, e('tags'), true)} value={rule.tags} placeholder="returning, enterprise" onChange={(ev) => onChange({ tags: ev.target.value })} />
      </Field>
      <Field id={`${idPrefix}-vip`} label="VIP" error={e('vip')}>
        <Select {...fieldProps(`${idPrefix}-vip`, e('vip'))} value={rule.vip} onChange={(ev) => onChange({ vip: ev.target.value as RuleForm['vip'] })}>
          <option value="any">Any visitor</option>
          <option value="vip">VIP visitors only</option>
          <option value="not_vip">Non-VIP visitors only</option>
        </Select>
      </Field>
      <Field id={`${idPrefix}-designated`} label="Agent or group designated by the embed code" error={e('designated')}>
        <Select
          {...fieldProps(`${idPrefix}-designated`, e('designated'))}
          value={rule.designated}
          onChange={(ev) => onChange({ designated: ev.target.value as RuleForm['designated'] })}
        >
          <option value="any">Either</option>
          <option value="yes">Yes, one is designated</option>
          <option value="no">No designation</option>
        </Select>
      </Field>
    </div>
  );
}

/** The ordered rule list: add, edit, delete, reorder, enable/disable. */
export function RuleList({
  rules,
  onChange,
  onAdd,
  directory,
  errors,
}: {
  rules: RuleForm[];
  onChange: (rules: RuleForm[]) => void;
  onAdd: () => string;
  directory: Directory;
  errors: Errors;
}) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const toggle = (id: string, open?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  const patch = (i: number, p: Partial<RuleForm>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const listError = errors.rules;

  // After a refused save, open every rule that has an error so the messages are visible in place.
  const errorKeys = Object.keys(errors).join('|');
  useEffect(() => {
    const invalid = rules.filter((_, i) => hasErrorsUnder(errors, `rules.${i}`)).map((r) => r.id);
    if (invalid.length) setExpanded((s) => new Set([...s, ...invalid]));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the set of errors changes
  }, [errorKeys]);

  return (
    <div className="space-y-3">
      {rules.length === 0 ? (
        <p className="rounded-lg border-2 border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">
          No rules yet: every chat follows the default rule below.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Assignment rules, evaluated top to bottom">
          {rules.map((rule, i) => {
            const idPrefix = `rule-${i}`;
            const errorPrefix = `rules.${i}`;
            const invalid = hasErrorsUnder(errors, errorPrefix);
            const open = expanded.has(rule.id);
            const nameError = errorAt(errors, `${errorPrefix}.name`);
            const label = rule.name.trim() || `rule ${i + 1}`;
            return (
              <li
                key={rule.id}
                data-testid="assignment-rule"
                className={cn('rounded-lg bg-white ring-1', invalid ? 'ring-red-300' : 'ring-slate-200', !rule.enabled && 'bg-slate-50')}
              >
                <div className="flex flex-wrap items-center gap-3 px-4 py-3">
                  <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600" aria-hidden="true">
                    {i + 1}
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="flex items-center gap-2 truncate text-sm font-semibold text-slate-900">
                      {rule.name.trim() || <span className="italic text-slate-400">Unnamed rule</span>}
                      {rule.enabled ? null : <Badge>Disabled</Badge>}
                      {invalid ? <Badge tone="red">Needs attention</Badge> : null}
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {describeConditions(rule)} → {targetLabel(rule.target, directory.agents, directory.groups)} · {METHODS.find((m) => m.value === rule.method)?.label}
                      {rule.overflow.length ? ` · then ${rule.overflow.map((k) => targetLabel(k, directory.agents, directory.groups)).join(', ')}` : ''}
                    </p>
                  </div>
                  <label className="inline-flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={rule.enabled} onChange={(e) => patch(i, { enabled: e.target.checked })} />
                    Enabled<span className="sr-only">: {label}</span>
                  </label>
                  <div className="flex gap-1">
                    <IconButton label={`Move ${label} up`} disabled={i === 0} onClick={() => onChange(move(rules, i, -1))}>
                      ↑
                    </IconButton>
                    <IconButton label={`Move ${label} down`} disabled={i === rules.length - 1} onClick={() => onChange(move(rules, i, 1))}>
                      ↓
                    </IconButton>
                  </div>
                  <Button variant="secondary" size="sm" aria-expanded={open} aria-controls={`${idPrefix}-body`} onClick={() => toggle(rule.id)}>
                    {open ? 'Close' : 'Edit'}
                    <span className="sr-only"> {label}</span>
                  </Button>
                  <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                    Delete<span className="sr-only"> {label}</span>
                  </Button>
                </div>
                {open ? (
                  <div id={`${idPrefix}-body`} className="space-y-6 border-t border-slate-200 px-4 py-4">
                    <Field id={`${idPrefix}-name`} label="Rule name" error={nameError} className="max-w-md">
                      <Input {...fieldProps(`${idPrefix}-name`, nameError)} value={rule.name} maxLength={80} onChange={(e) => patch(i, { name: e.target.value })} />
                    </Field>
                    <section aria-labelledby={`${idPrefix}-cond-title`}>
                      <h4 id={`${idPrefix}-cond-title`} className="mb-1 text-sm font-semibold text-slate-900">
                        When
                      </h4>
                      <p className="mb-3 text-xs text-slate-500">All conditions you set must hold.</p>
                      <ConditionsFields idPrefix={idPrefix} rule={rule} onChange={(p) => patch(i, p)} errors={errors} errorPrefix={errorPrefix} />
                    </section>
                    <section aria-labelledby={`${idPrefix}-route-title`}>
                      <h4 id={`${idPrefix}-route-title`} className="mb-3 text-sm font-semibold text-slate-900">
                        Then
                      </h4>
                      <TargetingFields idPrefix={idPrefix} value={rule} onChange={(p) => patch(i, p)} directory={directory} errors={errors} errorPrefix={errorPrefix} />
                    </section>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {listError ? <p className="text-sm text-red-600">{listError}</p> : null}
      <Button variant="secondary" onClick={() => toggle(onAdd(), true)} disabled={rules.length >= 50}>
        Add rule
      </Button>
    </div>
  );
}
