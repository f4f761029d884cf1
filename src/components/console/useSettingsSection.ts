'use client';

import { useState } from 'react';
import type { SettingsSection, SettingsValue } from '../../domain/settings/schemas';
import { api, fieldErrors, type ApiError } from './api';
import { SAVED_MESSAGE } from './SettingsFormFooter';

export interface SettingsState<S extends SettingsSection> {
  version: number;
  value: SettingsValue<S>;
}

/**
 * Form state for one Chat Settings section: edits a local copy, saves it with PUT
 * /api/admin/settings/:section (guarded by the loaded version), and exposes field errors keyed by the
 * section's field path (e.g. "noAgentNotice", "alwaysOn.assignTo").
 */
export function useSettingsSection<S extends SettingsSection>(section: S, initial: SettingsState<S>) {
  const [saved, setSaved] = useState(initial);
  const [value, setValue] = useState<SettingsValue<S>>(initial.value);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const dirty = JSON.stringify(value) !== JSON.stringify(saved.value);

  function update(patch: Partial<SettingsValue<S>>) {
    setValue((v) => ({ ...v, ...patch }));
    setSuccess(null);
  }

  async function save(): Promise<boolean> {
    setSaving(true);
    setError(null);
    setSuccess(null);
    const res = await api<{ version: number; value: SettingsValue<S> }>('PUT', `/api/admin/settings/${section}`, {
      value,
      expectedVersion: saved.version,
    });
    setSaving(false);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    setSaved({ version: res.version, value: res.value });
    setValue(res.value);
    setSuccess(SAVED_MESSAGE);
    return true;
  }

  function reset() {
    setValue(saved.value);
    setError(null);
    setSuccess(null);
  }

  return { value, update, setValue, save, reset, saving, dirty, version: saved.version, error, success, errors: fieldErrors(error, 'value.') };
}
