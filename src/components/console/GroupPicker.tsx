'use client';

import { CheckboxChips } from '../ui/pickers';
import type { GroupRow } from './types';

/** Checkbox list of skill groups (an agent may be in several). */
export function GroupPicker({ idPrefix, groups, value, onChange, error }: { idPrefix: string; groups: GroupRow[]; value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  return (
    <CheckboxChips
      idPrefix={`${idPrefix}-group`}
      legend="Skill groups"
      options={groups.map((g) => ({ value: g.id, label: g.name }))}
      value={value}
      onChange={onChange}
      error={error}
      empty="No skill groups yet. Create them on the Skill groups page."
    />
  );
}
