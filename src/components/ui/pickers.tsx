'use client';

import type { ReactNode } from 'react';
import { cn } from './cn';

/**
 * The shared pickers of the console and the inboxes, each written once:
 * - `CheckboxChips`: several of a few (skill groups of an agent, channels of a rule);
 * - `SegmentedRadioGroup`: one of a few, as a segmented control (a submission's status, an agent's status);
 * - `AgentPicker`: one staff member from a select, with leading choices ("Anyone", "Unassigned", "Me").
 */
export interface Choice<V extends string = string> {
  value: V;
  label: ReactNode;
}

export function CheckboxChips<V extends string>({
  idPrefix,
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  empty,
  className,
}: {
  idPrefix: string;
  legend: ReactNode;
  options: Choice<V>[];
  value: V[];
  onChange: (next: V[]) => void;
  hint?: ReactNode;
  error?: string;
  /** Shown instead of the chips when there is nothing to choose. */
  empty?: ReactNode;
  className?: string;
}) {
  const describedBy = [hint ? `${idPrefix}-hint` : null, error ? `${idPrefix}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={className} aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {options.length === 0 && empty ? (
        <p className="mt-1.5 text-sm text-slate-500">{empty}</p>
      ) : (
        <div className="mt-1.5 flex flex-wrap gap-2">
          {options.map((o) => {
            const id = `${idPrefix}-${o.value}`;
            const checked = value.includes(o.value);
            return (
              <label
                key={o.value}
                htmlFor={id}
                className="inline-flex cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 has-checked:bg-indigo-50 has-checked:ring-indigo-500 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
              >
                <input
                  id={id}
                  type="checkbox"
                  className="h-4 w-4 accent-indigo-600 focus:outline-none"
                  checked={checked}
                  onChange={() => onChange(checked ? value.filter((x) => x !== o.value) : [...value, o.value])}
                />
                {o.label}
              </label>
            );
          })}
        </div>
      )}
      {hint ? (
        <p id={`${idPrefix}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${idPrefix}-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function SegmentedRadioGroup<V extends string>({
  label,
  options,
  value,
  onChange,
  disabled,
  testIdPrefix,
}: {
  label: string;
  options: Choice<V>[];
  value: V;
  onChange: (next: V) => void;
  disabled?: boolean;
  /** data-testid of each option: `${testIdPrefix}${value}`. */
  testIdPrefix?: string;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="flex rounded-lg bg-slate-100 p-0.5">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          disabled={disabled}
          onClick={() => value !== o.value && onChange(o.value)}
          className={cn(
            'rounded-md px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600',
            value === o.value ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
          )}
          data-testid={testIdPrefix ? `${testIdPrefix}${o.value}` : undefined}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function AgentPicker({
  id,
  value,
  onChange,
  agents,
  selfId,
  leading = [],
  excludeSelf = false,
  disabled,
  className,
}: {
  id: string;
  value: string;
  onChange: (id: string) => void;
  agents: { id: string; name: string }[];
  /** The signed-in user: listed as "Name (me)", or left out with `excludeSelf` (when a "Me" choice leads). */
  selfId?: string;
  leading?: { value: string; label: string }[];
  excludeSelf?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <select id={id} className={className} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {leading.map((o) => (
        <option key={`lead-${o.value}`} value={o.value}>
          {o.label}
        </option>
      ))}
      {agents
        .filter((a) => !(excludeSelf && a.id === selfId))
        .map((a) => (
          <option key={a.id} value={a.id}>
            {a.id === selfId ? `${a.name} (me)` : a.name}
          </option>
        ))}
    </select>
  );
}
