'use client';

import { useState } from 'react';
import type { SettingsSection, SettingsValue } from '../../domain/settings/schemas';
import { api, fieldErrors, type ApiError } from './api';

export interface SettingsState<S extends SettingsSection> {
  version: number;
  value: SettingsValue<S>;
}

/** What a successful save says: live for visitors and agents within a second. */
export const SAVED_MESSAGE = 'Saved. Your changes are live.';

const same = <T,>(v: T) => v;

/**
 * Form state for one settings section: edits a local copy, saves it with PUT /api/admin/settings/:section
 * (guarded by the loaded version), and exposes field errors keyed by the value's path (e.g.
 * "noAgentNotice", "rules.0.name"). Pages whose form differs from the stored value (text for numbers and
 * lists, select keys for targets) pass `toForm` / `fromForm`; the others edit the value itself
 * (`useSettingsSection`). `<SettingsSectionForm>` renders the shell around it.
 */
export function useSettingsForm<S extends SettingsSection, F = SettingsValue<S>>(
  section: S,
  initial: SettingsState<S>,
  toForm: (value: SettingsValue<S>) => F = same as (value: SettingsValue<S>) => F,
  fromForm: (form: F) => SettingsValue<S> = same as (form: F) => SettingsValue<S>,
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

/** The controller `<SettingsSectionForm>` renders: any settings form hook's save state. */
export type SettingsFormController = Pick<ReturnType<typeof useSettingsForm>, 'save' | 'reset' | 'saving' | 'dirty' | 'version' | 'error' | 'success'>;

/** `useSettingsForm` for a form that edits the stored value itself: `value`, `update(patch)`. */
export function useSettingsSection<S extends SettingsSection>(section: S, initial: SettingsState<S>) {
  const s = useSettingsForm<S>(section, initial);
  const update = (patch: Partial<SettingsValue<S>>) => s.setForm((v) => ({ ...v, ...patch }));
  return { ...s, value: s.form, update, setValue: s.setForm };
}
