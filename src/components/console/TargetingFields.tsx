'use client';

import { Button } from '../ui/Button';
import { cn } from '../ui/cn';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select } from '../ui/Input';
import { RadioCard } from './RadioCard';
import { errorAt, MAX_OVERFLOW, METHODS, move, parseTargetKey, type TargetingForm } from './routing-form';
import { ROLE_LABELS, type AgentRow, type GroupRow } from './types';

export interface Directory {
  agents: AgentRow[];
  groups: GroupRow[];
}

export type Errors = Record<string, string>;

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

export function IconButton({ label, onClick, disabled, children, tone = 'default' }: { label: string; onClick: () => void; disabled?: boolean; children: string; tone?: 'default' | 'danger' }) {
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

