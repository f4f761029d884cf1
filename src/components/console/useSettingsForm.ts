'use client';

import { useState } from 'react';
import type { SettingsSection, SettingsValue } from '../../domain/settings/schemas';
import { api, fieldErrors, type ApiError } from './api';
import { SAVED_MESSAGE } from './SettingsFormFooter';
import type { SettingsState } from './useSettingsSection';

/**
 * Like useSettingsSection, for pages whose form state differs from the stored value (text for numbers
 * and lists, select keys for targets): `toForm` / `fromForm` convert between the two. Saves with PUT
 * /api/admin/settings/:section guarded by the loaded version; field errors are keyed by the value's
 * path (e.g. "rules.0.name").
 */
export function useSettingsForm<S extends SettingsSection, F>(
  section: S,
  initial: SettingsState<S>,
  toForm: (value: SettingsValue<S>) => F,
  fromForm: (form: F) => SettingsValue<S>,
) {
  const [saved, setSaved] = useState(initial);
  const [form, setFormState] = useState<F>(() => toForm(initial.value));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const dirty = JSON.stringify(form) !== JSON.stringify(toForm(saved.value));

  function setForm(next: F | ((current: F) => F)) {
    setFormState(next);
    setSuccess(null);
  }

  async function save(): Promise<boolean> {
    setSaving(true);
    setError(null);
    setSuccess(null);
    const res = await api<{ version: number; value: SettingsValue<S> }>('PUT', `/api/admin/settings/${section}`, {
      value: fromForm(form),
      expectedVersion: saved.version,
    });
    setSaving(false);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    setSaved({ version: res.version, value: res.value });
    setFormState(toForm(res.value));
    setSuccess(SAVED_MESSAGE);
    return true;
  }

  function reset() {
    setFormState(toForm(saved.value));
    setError(null);
    setSuccess(null);
  }

  const errors = fieldErrors(error, 'value.');
  // A refusal without field details (e.g. a rule naming a deleted group) is shown as its message.
  const footerError = error && error.code === 'bad_request' && !Object.keys(errors).length ? { ...error, code: 'invalid' } : error;

  return { form, setForm, save, reset, saving, dirty, version: saved.version, error: footerError, success, errors };
}
