'use client';

import { useMemo, useState } from 'react';
import { formFields, type FormField } from '../../domain/submissions/form';
import { SubmissionFormView, validateFieldValues, type FieldErrors, type FieldValues } from '../submissions/SubmissionFormView';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input, Textarea } from '../ui/Input';
import { RadioCard } from './RadioCard';
import { errorAt } from './routing-form';
import { SettingsSectionForm } from './SettingsSectionForm';
import { BUILT_IN_KEYS, fromSubmissionForm, move, newCustomField, toSubmissionForm, type CustomFieldForm, type SubmissionFormState } from './submission-form';
import { useSettingsForm } from './useSettingsForm';
import type { SettingsState } from './useSettingsForm';
import { CustomFieldEditor } from './CustomFieldEditor';

function Toggle({ id, checked, onChange, label, help }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string; help?: string }) {
  return (
    <label htmlFor={id} className="flex cursor-pointer gap-3">
      <input id={id} type="checkbox" className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={help ? `${id}-help` : undefined} />
      <span>
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        {help ? (
          <span id={`${id}-help`} className="block text-sm text-slate-600">
            {help}
          </span>
        ) : null}
      </span>
    </label>
  );
}

const TRIGGERS = [
  ['queueFull', 'The queue is full', 'Instead of the “queue full” message.'],
  ['queueTimeout', 'The queue times out', 'When Queue Settings say “offer to leave a message” after the timeout.'],
  ['outsideWorkingHours', 'Outside working hours', 'When every target of the chat is closed (Working hours).'],
  ['noAgentOnline', 'No agent is online', 'When nobody who could take the chat is online.'],
] as const;

const CHANNEL_LABELS = [
  ['desktop', 'Desktop site'],
  ['mobile', 'Mobile site'],
  ['app', 'App'],
] as const;

const BUILT_IN_HELP: Record<string, string> = {
  name: 'Text',
  email: 'Checked as an email address',
  phone: 'Checked as a phone number',
  content: 'The message itself; shown last',
};

/** The fields the widget would show for the form being edited (never throws on half-typed input). */
function previewFields(state: SubmissionFormState): FormField[] {
  try {
    return formFields(fromSubmissionForm(state).form);
  } catch {
    return [];
  }
}

/** Live Chat > Settings > Chat > Submission: when the leave-a-message form is offered, and its design. */
export function SubmissionSettingsForm({ initial }: { initial: SettingsState<'submission'> }) {
  const s = useSettingsForm('submission', initial, toSubmissionForm, fromSubmissionForm);
  const f = s.form;
  const e = (path: string) => errorAt(s.errors, path);
  const set = (patch: Partial<SubmissionFormState>) => s.setForm((current) => ({ ...current, ...patch }));
  const setForm = (patch: Partial<SubmissionFormState['form']>) => s.setForm((current) => ({ ...current, form: { ...current.form, ...patch } }));
  const setCustom = (i: number, patch: Partial<CustomFieldForm>) =>
    s.setForm((current) => ({ ...current, form: { ...current.form, custom: current.form.custom.map((c, j) => (j === i ? { ...c, ...patch } : c)) } }));

  const fields = useMemo(() => previewFields(f), [f]);
  const [previewValues, setPreviewValues] = useState<FieldValues>({});
  const [previewErrors, setPreviewErrors] = useState<FieldErrors>({});

  function tryPreview() {
    try {
      setPreviewErrors(validateFieldValues(fields, previewValues));
    } catch {
      setPreviewErrors({});
    }
  }

  const customListError = s.errors['form.custom'];

  return (
    <SettingsSectionForm form={s} cards>
      <Card as="div">
        <CardHeader title="Leave a message" description="When a visitor cannot chat right now, offer them a form instead. Agents answer from the Submissions inbox." />
        <div className="space-y-5 px-5 py-5">
          <Toggle id="submissionEnabled" checked={f.enabled} onChange={(enabled) => set({ enabled })} label="Offer the leave-a-message form" help="Real-time reception only." />
          <fieldset disabled={!f.enabled} className="space-y-3 disabled:opacity-60">
            <legend className="text-sm font-medium text-slate-800">Offer it when</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {TRIGGERS.map(([key, label, help]) => (
                <Toggle key={key} id={`offer-${key}`} checked={f.offerWhen[key]} onChange={(v) => set({ offerWhen: { ...f.offerWhen, [key]: v } })} label={label} help={help} />
              ))}
            </div>
          </fieldset>
          <fieldset disabled={!f.enabled} className="space-y-2 disabled:opacity-60">
            <legend className="text-sm font-medium text-slate-800">Channels</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {CHANNEL_LABELS.map(([key, label]) => (
                <Toggle key={key} id={`channel-${key}`} checked={f.channels[key]} onChange={(v) => set({ channels: { ...f.channels, [key]: v } })} label={label} />
              ))}
            </div>
          </fieldset>
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Handling" description="How sent messages are tracked." />
        <div className="space-y-5 px-5 py-5">
          <fieldset>
            <legend className="sr-only">Mode</legend>
            <div className="grid gap-3 md:grid-cols-2">
              <RadioCard name="submissionMode" value="offline_message" checked={f.mode === 'offline_message'} onChange={() => set({ mode: 'offline_message' })} title="Offline message">
                A message for your agents. The visitor sees a thank-you note.
              </RadioCard>
              <RadioCard name="submissionMode" value="ticket" checked={f.mode === 'ticket'} onChange={() => set({ mode: 'ticket' })} title="Ticket">
                Tracked with a reference number the visitor sees (e.g. #42).
              </RadioCard>
            </div>
          </fieldset>
          <Toggle
            id="allowFollowUp"
            checked={f.allowFollowUp}
            onChange={(allowFollowUp) => set({ allowFollowUp })}
            label="Let visitors add to a message after sending it"
            help="They can write more in the widget until the request is closed."
          />
        </div>
      </Card>

      <Card as="div">
        <CardHeader title="Form designer" description="What the visitor fills in. The preview shows the form exactly as the widget will." />
        <div className="grid gap-6 px-5 py-5 xl:grid-cols-[minmax(0,1fr)_340px]">
          <div className="min-w-0 space-y-6">
            <Field id="formTitle" label="Title" error={e('form.title')}>
              <Input {...fieldProps('formTitle', e('form.title'))} maxLength={100} value={f.form.title} onChange={(ev) => setForm({ title: ev.target.value })} />
            </Field>
            <Field id="formIntro" label="Introduction" hint="Shown under the title. Up to 500 characters." error={e('form.intro')}>
              <Textarea {...fieldProps('formIntro', e('form.intro'), true)} rows={2} maxLength={500} value={f.form.intro} onChange={(ev) => setForm({ intro: ev.target.value })} />
            </Field>

            <div>
              <h3 className="text-sm font-semibold text-slate-900">Built-in fields</h3>
              <div className="mt-2 overflow-x-auto">
                <table className="w-full min-w-[28rem] text-sm">
                  <thead>
                    <tr className="text-left text-xs text-slate-500">
                      <th className="py-1 pr-3 font-medium">Field</th>
                      <th className="py-1 pr-3 font-medium">Show</th>
                      <th className="py-1 pr-3 font-medium">Required</th>
                      <th className="py-1 font-medium">Label</th>
                    </tr>
                  </thead>
                  <tbody>
                    {BUILT_IN_KEYS.map((key) => {
                      const b = f.form[key];
                      const err = e(`form.${key}.label`);
                      return (
                        <tr key={key} className="border-t border-slate-100 align-top">
                          <td className="py-2 pr-3">
                            <span className="font-medium capitalize text-slate-800">{key}</span>
                            <span className="block text-xs text-slate-500">{BUILT_IN_HELP[key]}</span>
                          </td>
                          <td className="py-2 pr-3">
                            <input
                              type="checkbox"
                              className="mt-1 h-4 w-4 accent-indigo-600"
                              aria-label={`Show ${key}`}
                              checked={b.enabled}
                              onChange={(ev) => setForm({ [key]: { ...b, enabled: ev.target.checked, required: ev.target.checked && b.required } })}
                            />
                          </td>
                          <td className="py-2 pr-3">
                            <input
                              type="checkbox"
                              className="mt-1 h-4 w-4 accent-indigo-600"
                              aria-label={`${key} required`}
                              checked={b.required}
                              disabled={!b.enabled}
                              onChange={(ev) => setForm({ [key]: { ...b, required: ev.target.checked } })}
                            />
                          </td>
                          <td className="py-2">
                            <Input {...fieldProps(`label-${key}`, err)} aria-label={`${key} label`} className="h-9" maxLength={80} value={b.label} onChange={(ev) => setForm({ [key]: { ...b, label: ev.target.value } })} />
                            {err ? (
                              <p id={`label-${key}-error`} className="mt-1 text-sm text-red-600">
                                {err}
                              </p>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>

            <div>
              <div className="flex items-center justify-between gap-3">
                <h3 className="text-sm font-semibold text-slate-900">Custom fields</h3>
                <Button variant="secondary" size="sm" disabled={f.form.custom.length >= 20} onClick={() => setForm({ custom: [...f.form.custom, newCustomField(f.form.custom)] })} data-testid="add-custom-field">
                  Add field
                </Button>
              </div>
              {customListError ? <p className="mt-2 text-sm text-red-600">{customListError}</p> : null}
              {f.form.custom.length === 0 ? <p className="mt-2 text-sm text-slate-500">No custom fields. Add text, long text or choice fields (up to 20).</p> : null}
              <ol className="mt-3 space-y-3">
                {f.form.custom.map((c, i) => (
                  <CustomFieldEditor
                    key={c.key}
                    field={c}
                    index={i}
                    count={f.form.custom.length}
                    error={(path) => e(`form.custom.${i}${path ? `.${path}` : ''}`)}
                    onChange={(patch) => setCustom(i, patch)}
                    onMove={(step) => setForm({ custom: move(f.form.custom, i, step) })}
                    onRemove={() => setForm({ custom: f.form.custom.filter((_, j) => j !== i) })}
                  />
                ))}
              </ol>
            </div>
          </div>

          <aside aria-label="Preview" className="xl:sticky xl:top-4 xl:self-start">
            <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Preview</p>
            <div className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="submission-preview">
              <SubmissionFormView
                preview
                idPrefix="preview"
                form={{ title: f.form.title, intro: f.form.intro, fields }}
                values={previewValues}
                errors={previewErrors}
                onChange={(id, v) => {
                  setPreviewValues((all) => ({ ...all, [id]: v }));
                  setPreviewErrors((all) => ({ ...all, [id]: '' }));
                }}
                onSubmit={tryPreview}
              />
              <p className="mt-2 text-xs text-slate-500">Try it: “Send message” here only checks the values, as the widget does.</p>
            </div>
          </aside>
        </div>
      </Card>

    </SettingsSectionForm>
  );
}

