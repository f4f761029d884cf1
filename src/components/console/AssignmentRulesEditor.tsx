'use client';

import { useEffect, useState } from 'react';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select } from '../ui/Input';
import { RadioCard } from './RadioCard';
import {
  CHANNELS,
  describeConditions,
  errorAt,
  hasErrorsUnder,
  MAX_OVERFLOW,
  METHODS,
  move,
  parseTargetKey,
  targetLabel,
  type RuleForm,
  type TargetingForm,
} from './routing-form';
import { ROLE_LABELS, type AgentRow, type GroupRow } from './types';

export interface Directory {
  agents: AgentRow[];
  groups: GroupRow[];
}

type Errors = Record<string, string>;

/** A select over every routing target: all agents, each skill group, each agent (deactivated ones only if already chosen). */
export function TargetSelect({
  id,
  value,
  onChange,
  directory,
  error,
  hint,
  label,
}: {
  id: string;
  value: string;
  onChange: (key: string) => void;
  directory: Directory;
  error?: string;
  hint?: boolean;
  label?: string;
}) {
  const current = parseTargetKey(value);
  const missing =
    (current.type === 'group' && !directory.groups.some((g) => g.id === current.id)) ||
    (current.type === 'agent' && !directory.agents.some((a) => a.id === current.id));
  return (
    <Select {...fieldProps(id, error, hint)} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="all">All agents</option>
      {missing ? <option value={value}>{current.type === 'group' ? 'Deleted group' : 'Deleted agent'} (choose another)</option> : null}
      {directory.groups.length ? (
        <optgroup label="Skill groups">
          {directory.groups.map((g) => (
            <option key={g.id} value={`group:${g.id}`}>
              {g.name} ({g.memberCount} {g.memberCount === 1 ? 'member' : 'members'})
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label="Agents">
        {directory.agents
          .filter((a) => a.active || value === `agent:${a.id}`)
          .map((a) => (
            <option key={a.id} value={`agent:${a.id}`}>
              {a.name}
              {a.role !== 'agent' ? ` (${ROLE_LABELS[a.role]})` : ''}
              {a.active ? '' : ' (deactivated)'}
            </option>
          ))}
      </optgroup>
    </Select>
  );
}

function IconButton({ label, onClick, disabled, children, tone = 'default' }: { label: string; onClick: () => void; disabled?: boolean; children: string; tone?: 'default' | 'danger' }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={cn(
        'inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm ring-1 ring-inset ring-slate-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-300',
        tone === 'danger' ? 'text-red-700 hover:bg-red-50' : 'text-slate-700 hover:bg-slate-50',
      )}
    >
      {children}
    </button>
  );
}

/** Target, method (with a one-line explanation each), last-served minutes and the overflow chain. */
export function TargetingFields({
  idPrefix,
  value,
  onChange,
  directory,
  errors,
  errorPrefix,
}: {
  idPrefix: string;
  value: TargetingForm;
  onChange: (patch: Partial<TargetingForm>) => void;
  directory: Directory;
  errors: Errors;
  errorPrefix: string;
}) {
  const targetError = errorAt(errors, `${errorPrefix}.target`);
  const methodError = errorAt(errors, `${errorPrefix}.method`);
  const minutesError = errorAt(errors, `${errorPrefix}.lastServedMinutes`);
  const overflowListError = errors[`${errorPrefix}.overflow`];
  return (
    <div className="space-y-5">
      <Field id={`${idPrefix}-target`} label="Send to" hint="Who receives chats this rule catches." error={targetError} className="max-w-md">
        <TargetSelect id={`${idPrefix}-target`} value={value.target} onChange={(target) => onChange({ target })} directory={directory} error={targetError} hint />
      </Field>

      <fieldset aria-describedby={methodError ? `${idPrefix}-method-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Assignment method</legend>
        <div className="mt-1.5 grid gap-2 md:grid-cols-3">
          {METHODS.map((m) => (
            <RadioCard key={m.value} name={`${idPrefix}-method`} value={m.value} checked={value.method === m.value} onChange={() => onChange({ method: m.value })} title={m.label}>
              {m.help}
            </RadioCard>
          ))}
        </div>
        {methodError ? (
          <p id={`${idPrefix}-method-error`} className="mt-1.5 text-sm text-red-600">
            {methodError}
          </p>
        ) : null}
      </fieldset>

      {value.method === 'last_served' ? (
        <Field
          id={`${idPrefix}-minutes`}
          label="Return to the last agent within (minutes)"
          hint="1 to 10080 (one week)."
          error={minutesError}
          className="max-w-xs"
        >
          <Input
            {...fieldProps(`${idPrefix}-minutes`, minutesError, true)}
            type="number"
            inputMode="numeric"
            min={1}
            max={10080}
            value={value.lastServedMinutes}
            onChange={(e) => onChange({ lastServedMinutes: e.target.value })}
          />
        </Field>
      ) : null}

      <fieldset aria-describedby={`${idPrefix}-overflow-hint`}>
        <legend className="text-sm font-medium text-slate-800">Overflow chain</legend>
        <p id={`${idPrefix}-overflow-hint`} className="mt-0.5 text-xs text-slate-500">
          Tried in order when the target has no online agent, all are at their limit, or it is outside working hours. Up to {MAX_OVERFLOW}.
        </p>
        {value.overflow.length ? (
          <ol className="mt-2 space-y-2">
            {value.overflow.map((key, j) => {
              const itemError = errorAt(errors, `${errorPrefix}.overflow.${j}`);
              const itemId = `${idPrefix}-overflow-${j}`;
              return (
                <li key={j} className="flex flex-wrap items-start gap-2">
                  <span className="mt-2 w-5 text-right text-sm tabular-nums text-slate-500" aria-hidden="true">
                    {j + 1}.
                  </span>
                  <div className="min-w-0 flex-1 sm:max-w-md">
                    <TargetSelect
                      id={itemId}
                      label={`Overflow target ${j + 1}`}
                      value={key}
                      onChange={(next) => onChange({ overflow: value.overflow.map((k, i) => (i === j ? next : k)) })}
                      directory={directory}
                      error={itemError}
                    />
                    {itemError ? (
                      <p id={`${itemId}-error`} className="mt-1 text-sm text-red-600">
                        {itemError}
                      </p>
                    ) : null}
                  </div>
                  <div className="flex gap-1 pt-1">
                    <IconButton label={`Move overflow target ${j + 1} up`} disabled={j === 0} onClick={() => onChange({ overflow: move(value.overflow, j, -1) })}>
                      ↑
                    </IconButton>
                    <IconButton
                      label={`Move overflow target ${j + 1} down`}
                      disabled={j === value.overflow.length - 1}
                      onClick={() => onChange({ overflow: move(value.overflow, j, 1) })}
                    >
                      ↓
                    </IconButton>
                    <IconButton label={`Remove overflow target ${j + 1}`} tone="danger" onClick={() => onChange({ overflow: value.overflow.filter((_, i) => i !== j) })}>
                      ✕
                    </IconButton>
                  </div>
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="mt-2 text-sm text-slate-500">No overflow: when the target cannot take the chat, it waits in the target&apos;s queue.</p>
        )}
        {overflowListError ? <p className="mt-1.5 text-sm text-red-600">{overflowListError}</p> : null}
        <Button
          variant="secondary"
          size="sm"
          className="mt-2"
          disabled={value.overflow.length >= MAX_OVERFLOW}
          onClick={() => onChange({ overflow: [...value.overflow, 'all'] })}
        >
          Add overflow target
        </Button>
      </fieldset>
    </div>
  );
}

function ConditionsFields({ idPrefix, rule, onChange, errors, errorPrefix }: { idPrefix: string; rule: RuleForm; onChange: (patch: Partial<RuleForm>) => void; errors: Errors; errorPrefix: string }) {
  const e = (field: string) => errorAt(errors, `${errorPrefix}.conditions.${field}`);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <fieldset className="md:col-span-2" aria-describedby={`${idPrefix}-channels-hint`}>
        <legend className="text-sm font-medium text-slate-800">Channels</legend>
        <div className="mt-1.5 flex flex-wrap gap-2">
          {CHANNELS.map((c) => {
            const id = `${idPrefix}-channel-${c.value}`;
            const checked = rule.channels.includes(c.value);
            return (
              <label
                key={c.value}
                htmlFor={id}
                className="inline-flex cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 has-checked:bg-indigo-50 has-checked:ring-indigo-500 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
              >
                <input
                  id={id}
                  type="checkbox"
                  className="h-4 w-4 accent-indigo-600 focus:outline-none"
                  checked={checked}
                  onChange={() => onChange({ channels: checked ? rule.channels.filter((x) => x !== c.value) : [...rule.channels, c.value] })}
                />
                {c.label}
              </label>
            );
          })}
        </div>
        <p id={`${idPrefix}-channels-hint`} className="mt-1 text-xs text-slate-500">
          None ticked = any channel.
        </p>
        {e('channels') ? <p className="mt-1 text-sm text-red-600">{e('channels')}</p> : null}
      </fieldset>

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
