'use client';

import type { Role } from '../../db/schema';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select } from '../ui/Input';
import { GroupPicker } from './GroupPicker';
import { ROLE_HELP, type GroupRow } from './types';

export interface AgentRoutingValues {
  role: Role;
  /** As typed: empty = the workspace default. */
  receptionLimit: string;
  groupIds: string[];
}

/** Role, reception limit and skill groups of a staff member: the same fields when creating and editing. */
export function AgentRoutingFields<T extends AgentRoutingValues>({
  idPrefix,
  form,
  setForm,
  errors,
  defaultLimit,
  groups,
  roleLocked = false,
}: {
  idPrefix: string;
  form: T;
  setForm: (next: T) => void;
  errors: Partial<Record<'role' | 'receptionLimit' | 'groupIds', string>>;
  defaultLimit: number;
  groups: GroupRow[];
  /** Admins cannot change their own role. */
  roleLocked?: boolean;
}) {
  return (
    <>
      <Field id={`${idPrefix}-role`} label="Role" hint={roleLocked ? 'You cannot change your own role.' : ROLE_HELP[form.role]} error={errors.role}>
        <Select {...fieldProps(`${idPrefix}-role`, errors.role, true)} value={form.role} disabled={roleLocked} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          <option value="agent">Agent</option>
          <option value="supervisor">Supervisor</option>
          <option value="admin">Admin</option>
        </Select>
      </Field>
      <Field id={`${idPrefix}-limit`} label="Reception limit" hint={`Max concurrent chats. Leave empty for the workspace default (${defaultLimit}).`} error={errors.receptionLimit}>
        <Input
          {...fieldProps(`${idPrefix}-limit`, errors.receptionLimit, true)}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          placeholder={`Default (${defaultLimit})`}
          value={form.receptionLimit}
          onChange={(e) => setForm({ ...form, receptionLimit: e.target.value })}
        />
      </Field>
      <div className="md:col-span-2">
        <GroupPicker idPrefix={idPrefix} groups={groups} value={form.groupIds} onChange={(groupIds) => setForm({ ...form, groupIds })} error={errors.groupIds} />
      </div>
    </>
  );
}
