'use client';

import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t, type UiKey } from '@/widget/i18n';
import type { WidgetLanguage } from '@/shared/languages';
import { prechatErrors, prechatFieldIds, prechatLabels, prechatPayload, type PrechatForm as PrechatFormConfig, type PrechatValues } from '@/widget/prechat-form';

/** Field errors from the server (`fields.plan` → message), or a message for the whole form. */
export type PrechatRefusal = { fields: Record<string, string>; message: string | null } | null;

const inputClass = 'mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 focus:outline-none focus:ring-2 aria-[invalid=true]:border-red-500';

/**
 * The pre-chat form (issue 14 item 6), shown instead of the composer before the first message when the
 * workspace asks for it. Loaded lazily: most visitors never see it. The server checks the answers again.
 */
export default function PrechatForm({
  form,
  lang,
  brand,
  disabled,
  onSubmit,
}: {
  form: PrechatFormConfig;
  lang: WidgetLanguage;
  brand: { color: string; text: string };
  disabled: boolean;
  onSubmit: (prechat: Record<string, unknown>) => Promise<PrechatRefusal>;
}) {
  const [values, setValues] = useState<PrechatValues>({ name: '', email: '', groupId: '', fields: {}, consent: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const labels = prechatLabels(form, lang);

  const focusFirstError = () => requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = Object.fromEntries(Object.entries(prechatErrors(form, values)).map(([k, key]) => [k, t(lang, key as UiKey)]));
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return focusFirstError();
    setSending(true);
    const refusal = await onSubmit(prechatPayload(form, values));
    setSending(false);
    if (refusal) {
      // A refusal the form cannot place next to a question it shows must still be seen.
      const shown = new Set(prechatFieldIds(form));
      const unplaced = Object.keys(refusal.fields).some((id) => !shown.has(id));
      setErrors(refusal.fields);
      setFormError(refusal.message ?? (unplaced ? t(lang, 'formRefused') : null));
      focusFirstError();
    }
  }

  const field = (id: string, label: string, required: boolean, control: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; className: string; style: object }) => ReactNode) => {
    const error = errors[id];
    const domId = `prechat-${id.replace('.', '-')}`;
    return (
      <div key={id}>
        <label htmlFor={domId} className="block text-sm font-medium text-slate-800">
          {label}
          {required ? <span aria-hidden="true"> *</span> : <span className="font-normal text-slate-500"> ({t(lang, 'optional')})</span>}
        </label>
        {control({ id: domId, 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${domId}-error` : undefined, className: `${inputClass} border-slate-300`, style: { ['--tw-ring-color' as string]: `${brand.color}55` } })}
        {error ? (
          <p id={`${domId}-error`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form ref={ref} onSubmit={submit} noValidate className="flex-1 space-y-4 overflow-y-auto px-4 py-5" data-testid="prechat-form" aria-labelledby="prechat-title">
      <p id="prechat-title" className="text-sm font-medium text-slate-800">
        {labels.intro}
      </p>
      {form.name !== 'off'
        ? field('name', t(lang, 'name'), form.name === 'required', (p) => <input {...p} autoComplete="name" maxLength={100} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />)
        : null}
      {form.email !== 'off'
        ? field('email', t(lang, 'email'), form.email === 'required', (p) => <input {...p} type="email" autoComplete="email" maxLength={200} value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />)
        : null}
      {form.group.need !== 'off' && form.group.options.length
        ? field('groupId', labels.group, form.group.need === 'required', (p) => (
            <select {...p} value={values.groupId} onChange={(e) => setValues({ ...values, groupId: e.target.value })}>
              <option value="">{t(lang, 'choose')}</option>
              {form.group.options.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          ))
        : null}
      {form.customFields.map((f) =>
        field(`fields.${f.key}`, labels.field(f.key), f.required, (p) => {
          const set = (value: string) => setValues({ ...values, fields: { ...values.fields, [f.key]: value } });
          return f.type === 'select' ? (
            <select {...p} value={values.fields[f.key] ?? ''} onChange={(e) => set(e.target.value)}>
              <option value="">{t(lang, 'choose')}</option>
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input {...p} maxLength={500} value={values.fields[f.key] ?? ''} onChange={(e) => set(e.target.value)} />
          );
        }),
      )}
      {form.consent.enabled ? (
        <div>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={values.consent}
              onChange={(e) => setValues({ ...values, consent: e.target.checked })}
              aria-invalid={Boolean(errors.consent)}
              aria-describedby={errors.consent ? 'prechat-consent-error' : undefined}
              className="mt-0.5 h-4 w-4 shrink-0"
              style={{ accentColor: brand.color }}
              data-testid="prechat-consent"
            />
            <span>
              {labels.consent}
              {form.consent.linkUrl ? (
                <>
                  {' '}
                  <a href={form.consent.linkUrl} target="_blank" rel="noopener noreferrer nofollow" className="font-medium underline">
                    {labels.consentLink}
                  </a>
                </>
              ) : null}
            </span>
          </label>
          {errors.consent ? (
            <p id="prechat-consent-error" className="mt-1 text-xs text-red-700">
              {errors.consent}
            </p>
          ) : null}
        </div>
      ) : null}
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={disabled || sending}
        className="w-full rounded-lg px-4 py-2.5 text-sm font-semibold hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:opacity-50"
        style={{ background: brand.color, color: brand.text }}
        data-testid="prechat-submit"
      >
        {sending ? t(lang, 'sending') : t(lang, 'startChat')}
      </button>
    </form>
  );
}
