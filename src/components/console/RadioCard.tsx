'use client';

import type { ReactNode } from 'react';

/** A native radio input rendered as a selectable card (arrow keys move between options of one name). */
export function RadioCard({
  name,
  value,
  checked,
  onChange,
  title,
  children,
  describedBy,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  title: ReactNode;
  children?: ReactNode;
  describedBy?: string;
}) {
  const id = `${name}-${value}`;
  return (
    <label
      htmlFor={id}
      className="relative flex cursor-pointer gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-300 transition has-checked:bg-indigo-50/60 has-checked:ring-2 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600 hover:ring-slate-400"
    >
      <input
        id={id}
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        aria-describedby={children ? `${id}-desc` : describedBy}
        className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600 focus:outline-none"
      />
      <span className="min-w-0">
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        {children ? (
          <span id={`${id}-desc`} className="mt-1 block text-sm text-slate-600">
            {children}
          </span>
        ) : null}
      </span>
    </label>
  );
}
