'use client';

import type { PrechatCustomField, PrechatNeed, PrechatSettings } from '../../domain/widget/prechat-config';
import type { LocalizedText, WidgetLanguage } from '../../shared/languages';
import { RTL_LANGUAGES } from '../../widget/i18n';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select, Textarea } from '../ui/Input';

const NEED_LABELS: Record<PrechatNeed, string> = { off: 'Not asked', optional: 'Optional', required: 'Required' };

/**
 * Console > Widget > Pre-chat form (issue 14 item 6): the questions, in the default language, and their
 * translations for the language chosen in the texts tabs above (`lang`). Field errors come keyed by path
 * (`prechat.customFields.0.key`).
 */
export function PrechatSettingsFields({
  value,
  onChange,
  errors,
  groups,
  lang,
  langName,
  defaultLanguage,
}: {
  value: PrechatSettings;
  onChange: (next: PrechatSettings) => void;
  errors: Record<string, string>;
  groups: { id: string; name: string }[];
  lang: WidgetLanguage;
  langName: string;
  defaultLanguage: WidgetLanguage;
}) {
  const p = value;
  const set = (patch: Partial<PrechatSettings>) => onChange({ ...p, ...patch });
  const err = (path: string) => errors[`prechat.${path}`];
  const translate = lang !== defaultLanguage;
  const setField = (i: number, patch: Partial<PrechatCustomField>) => set({ customFields: p.customFields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const localizedInput = (id: string, text: LocalizedText, onText: (t: LocalizedText) => void, placeholder: string) =>
    translate ? (
      <Input id={id} dir={RTL_LANGUAGES.has(lang) ? 'rtl' : undefined} aria-label={`${langName} translation`} className="mt-1" value={text[lang] ?? ''} onChange={(e) => onText({ ...text, [lang]: e.target.value })} placeholder={`${langName}: ${placeholder}`} />
    ) : null;

  return (
    <div className="space-y-5 px-5 py-5" data-testid="prechat-settings">
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={p.enabled} onChange={(e) => set({ enabled: e.target.checked })} className="mt-0.5 h-4 w-4 accent-indigo-600" data-testid="prechat-enabled" />
        Ask visitors a few questions before their first message (visitors who filled it in before, or signed-in customers with a partnerid, skip it)
      </label>
      {p.enabled ? (
        <>
          {translate ? <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">The second line under each label is its {langName} translation (switch language in the tabs above). Empty translations use the default language.</p> : null}
          <Field id="prechat-intro" label="Line above the form" hint="Empty: “Before we start” in the visitor’s language." error={err('intro')}>
            <Input {...fieldProps('prechat-intro', err('intro'), true)} maxLength={300} value={p.intro} onChange={(e) => set({ intro: e.target.value })} />
            {localizedInput('prechat-intro-tr', p.introTexts, (introTexts) => set({ introTexts }), p.intro || 'Before we start')}
          </Field>
          <div className="grid gap-5 md:grid-cols-3">
            {(['name', 'email'] as const).map((key) => (
              <Field key={key} id={`prechat-${key}`} label={key === 'name' ? 'Name' : 'Email'}>
                <Select {...fieldProps(`prechat-${key}`)} value={p[key]} onChange={(e) => set({ [key]: e.target.value as PrechatNeed })}>
                  {Object.entries(NEED_LABELS).map(([need, label]) => (
                    <option key={need} value={need}>
                      {label}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
            <Field id="prechat-group" label="Topic (skill group)" hint={groups.length ? 'The chat goes to the chosen group.' : 'Create skill groups first.'}>
              <Select {...fieldProps('prechat-group', null, true)} value={p.group.need} disabled={!groups.length} onChange={(e) => set({ group: { ...p.group, need: e.target.value as PrechatNeed } })}>
                {Object.entries(NEED_LABELS).map(([need, label]) => (
                  <option key={need} value={need}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {p.group.need !== 'off' && groups.length ? (
            <fieldset className="rounded-lg border border-slate-200 p-4">
              <legend className="px-1 text-sm font-medium text-slate-800">Topics offered</legend>
              <p className="text-xs text-slate-500">None ticked: every skill group, by name.</p>
              <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
                {groups.map((g) => (
                  <label key={g.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={p.group.groupIds.includes(g.id)}
                      onChange={(e) => set({ group: { ...p.group, groupIds: e.target.checked ? [...p.group.groupIds, g.id] : p.group.groupIds.filter((id) => id !== g.id) } })}
                      className="h-4 w-4 accent-indigo-600"
                    />
                    {g.name}
                  </label>
                ))}
              </div>
              <div className="mt-4 grid gap-5 md:grid-cols-2">
                <Field id="prechat-group-label" label="Question" hint="Empty: “What is it about?”">
                  <Input {...fieldProps('prechat-group-label', null, true)} maxLength={80} value={p.group.label} onChange={(e) => set({ group: { ...p.group, label: e.target.value } })} />
                  {localizedInput('prechat-group-label-tr', p.group.labels, (labels) => set({ group: { ...p.group, labels } }), p.group.label || 'What is it about?')}
                </Field>
                <Field id="prechat-designation" label="Routing">
                  <Select {...fieldProps('prechat-designation')} value={p.group.designation} onChange={(e) => set({ group: { ...p.group, designation: e.target.value as 'must' | 'may' } })}>
                    <option value="may">Prefer the group’s agents, others if none is free</option>
                    <option value="must">Only the group’s agents (wait in the queue)</option>
                  </Select>
                </Field>
              </div>
            </fieldset>
          ) : null}

          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-800">Custom fields</legend>
            {err('customFields') ? <p className="text-sm text-red-600">{err('customFields')}</p> : null}
            {p.customFields.length === 0 ? <p className="text-sm text-slate-500">None yet. Answers are saved with the visitor and as custom fields of CRM customers.</p> : null}
            {p.customFields.map((f, i) => (
              <div key={i} className="grid gap-3 rounded-lg border border-slate-200 p-3 md:grid-cols-[1fr_9rem_8rem_auto]" data-testid="prechat-custom-field">
                <Field id={`pf-${i}-label`} label="Label" error={err(`customFields.${i}.label`)}>
                  <Input {...fieldProps(`pf-${i}-label`, err(`customFields.${i}.label`))} maxLength={80} value={f.label} onChange={(e) => setField(i, { label: e.target.value })} />
                  {localizedInput(`pf-${i}-label-tr`, f.labels, (labels) => setField(i, { labels }), f.label)}
                </Field>
                <Field id={`pf-${i}-key`} label="Key" error={err(`customFields.${i}.key`)}>
                  <Input {...fieldProps(`pf-${i}-key`, err(`customFields.${i}.key`))} maxLength={30} value={f.key} onChange={(e) => setField(i, { key: e.target.value.trim() })} placeholder="order_number" />
                </Field>
                <Field id={`pf-${i}-type`} label="Answer">
                  <Select {...fieldProps(`pf-${i}-type`)} value={f.type} onChange={(e) => setField(i, { type: e.target.value as 'text' | 'select' })}>
                    <option value="text">Text</option>
                    <option value="select">Choice</option>
                  </Select>
                </Field>
                <div className="flex items-end gap-3 pb-2">
                  <label className="flex items-center gap-1.5 text-sm">
                    <input type="checkbox" checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} className="h-4 w-4 accent-indigo-600" />
                    Required
                  </label>
                  <button type="button" onClick={() => set({ customFields: p.customFields.filter((_, j) => j !== i) })} className="text-sm font-medium text-red-700 hover:underline">
                    Remove
                  </button>
                </div>
                {f.type === 'select' ? (
                  <Field id={`pf-${i}-options`} label="Choices, one per line" error={err(`customFields.${i}.options`)} className="md:col-span-4">
                    <Textarea {...fieldProps(`pf-${i}-options`, err(`customFields.${i}.options`))} rows={3} value={f.options.join('\n')} onChange={(e) => setField(i, { options: e.target.value.split('\n').map((o) => o.trimStart()) })} />
                  </Field>
                ) : null}
              </div>
            ))}
            {p.customFields.length < 10 ? (
              <button
                type="button"
                onClick={() => set({ customFields: [...p.customFields, { key: `field_${p.customFields.length + 1}`, label: '', labels: {}, type: 'text', options: [], required: false }] })}
                className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
              >
                Add a field
              </button>
            ) : null}
          </fieldset>

          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-800">Data-processing consent</legend>
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={p.consent.enabled} onChange={(e) => set({ consent: { ...p.consent, enabled: e.target.checked } })} className="mt-0.5 h-4 w-4 accent-indigo-600" />
              Visitors must tick a consent box before chatting
            </label>
            {p.consent.enabled ? (
              <div className="grid gap-5 md:grid-cols-2">
                <Field id="prechat-consent-text" label="Consent sentence" hint="Empty: a standard sentence in the visitor’s language." error={err('consent.text')} className="md:col-span-2">
                  <Input {...fieldProps('prechat-consent-text', err('consent.text'), true)} maxLength={300} value={p.consent.text} onChange={(e) => set({ consent: { ...p.consent, text: e.target.value } })} />
                  {localizedInput('prechat-consent-text-tr', p.consent.texts, (texts) => set({ consent: { ...p.consent, texts } }), p.consent.text || 'standard sentence')}
                </Field>
                <Field id="prechat-consent-link" label="Link text" hint="Empty: “Privacy policy”.">
                  <Input {...fieldProps('prechat-consent-link', null, true)} maxLength={60} value={p.consent.linkText} onChange={(e) => set({ consent: { ...p.consent, linkText: e.target.value } })} />
                  {localizedInput('prechat-consent-link-tr', p.consent.linkTexts, (linkTexts) => set({ consent: { ...p.consent, linkTexts } }), p.consent.linkText || 'Privacy policy')}
                </Field>
                <Field id="prechat-consent-url" label="Link address" error={err('consent.linkUrl')}>
                  <Input {...fieldProps('prechat-consent-url', err('consent.linkUrl'))} value={p.consent.linkUrl} onChange={(e) => set({ consent: { ...p.consent, linkUrl: e.target.value } })} placeholder="https://example.com/privacy" />
                </Field>
              </div>
            ) : null}
          </fieldset>
        </>
      ) : null}
    </div>
  );
}
