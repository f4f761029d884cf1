'use client';

import type { GroupRow } from './types';

/** Checkbox list of skill groups (an agent may be in several). */
export function GroupPicker({ idPrefix, groups, value, onChange, error }: { idPrefix: string; groups: GroupRow[]; value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  return (
    <fieldset aria-describedby={error ? `${idPrefix}-groups-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Skill groups</legend>
      {groups.length === 0 ? (
        <p className="mt-1.5 text-sm text-slate-500">No skill groups yet. Create them on the Skill groups page.</p>
      ) : (
        <div className="mt-1.5 flex flex-wrap gap-2">
          {groups.map((g) => {
            const id = `${idPrefix}-group-${g.id}`;
            const checked = value.includes(g.id);
            return (
              <label
                key={g.id}
                htmlFor={id}
                className="inline-flex cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 has-checked:bg-indigo-50 has-checked:ring-indigo-500 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
              >
                <input
                  id={id}
                  type="checkbox"
                  className="h-4 w-4 accent-indigo-600 focus:outline-none"
                  checked={checked}
                  onChange={() => onChange(checked ? value.filter((x) => x !== g.id) : [...value, g.id])}
                />
                {g.name}
              </label>
            );
          })}
        </div>
      )}
      {error ? (
        <p id={`${idPrefix}-groups-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
