'use client';

import type { FormEvent, ReactNode } from 'react';
import { fieldsSchema, type FormField } from '@/domain/submissions/form';
import { cn } from '../ui/cn';

/**
 * The leave-a-message form exactly as the widget shows it. One component for both the widget and the
 * console's live preview (Settings > Chat > Submission), so the preview cannot drift from the real thing.
 */

export interface OfferedForm {
  title: string;
  intro: string;
  fields: FormField[];
}

export type FieldValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

const control =
  'block w-full rounded-md border-0 bg-white px-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 ' +
  'focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600 disabled:bg-slate-50 disabled:text-slate-500 ' +
  'aria-[invalid=true]:ring-red-500';

/** A DOM-safe id for a field key such as `custom.order-no`. */
function domId(prefix: string, key: string) {
  return `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/**
 * Client-side checks with the same zod schema the server derives from the designed form
 * (`fieldsSchema`), so the visitor sees the same messages before anything is sent. Keyed by field id.
 */
export function validateFieldValues(fields: FormField[], values: FieldValues): FieldErrors {
  const input: FieldValues = {};
  for (const f of fields) input[f.id] = values[f.id] ?? '';
  const parsed = fieldsSchema(fields).safeParse(input);
  const errors: FieldErrors = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.');
    if (key) errors[key] ??= issue.message;
  }
  return errors;
}

/** The values to send: only the offered fields, trimmed; empty optional fields left out. */
export function submittableValues(fields: FormField[], values: FieldValues): FieldValues {
  const out: FieldValues = {};
  for (const f of fields) {
    const v = (values[f.id] ?? '').trim();
    if (v) out[f.id] = v;
  }
  return out;
}

/** One designed field: label (with the required marker) tied to its control, error in place below it. */
export function SubmissionFieldInput({
  field,
  value,
  error,
  onChange,
  idPrefix,
  disabled,
}: {
  field: FormField;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  idPrefix: string;
  disabled?: boolean;
}) {
  const id = domId(idPrefix, field.id);
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field.id,
    disabled,
    required: field.required,
    'aria-required': field.required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'data-field': field.id,
  } as const;
  return (
    <div className="space-y-1" data-testid="submission-field">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {field.label}
        {field.required ? (
          <>
            <span aria-hidden="true" className="ml-0.5 text-red-600">
              *
            </span>
            <span className="sr-only"> (required)</span>
          </>
        ) : (
          <span className="ml-1 text-xs font-normal text-slate-500">(optional)</span>
        )}
      </label>
      {field.type === 'textarea' ? (
        <textarea {...common} rows={4} maxLength={field.maxLength} value={value} onChange={(e) => onChange(e.target.value)} className={cn(control, 'py-2')} />
      ) : field.type === 'select' ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)} className={cn(control, 'h-10 pr-8')}>
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.type === 'email' ? 'email' : field.type === 'tel' ? 'tel' : 'text'}
          autoComplete={field.id === 'name' ? 'name' : field.id === 'email' ? 'email' : field.id === 'phone' ? 'tel' : undefined}
          maxLength={field.maxLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={cn(control, 'h-10')}
        />
      )}
      {error ? (
        <p id={errorId} className="text-sm text-red-600" data-testid="submission-field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Title, intro, every designed field and the send button. */
export function SubmissionFormView({
  form,
  values,
  errors,
  onChange,
  onSubmit,
  submitting,
  formError,
  idPrefix = 'sub',
  footer,
  preview,
}: {
  form: OfferedForm;
  values: FieldValues;
  errors: FieldErrors;
  onChange: (fieldId: string, value: string) => void;
  onSubmit: () => void;
  submitting?: boolean;
  formError?: string | null;
  idPrefix?: string;
  footer?: ReactNode;
  /** In the console preview: the form is not a real form (no nested <form>, the button does nothing). */
  preview?: boolean;
}) {
  const body = (
    <>
      <div>
        <h2 className="text-base font-semibold text-slate-900">{form.title}</h2>
        {form.intro ? <p className="mt-1 whitespace-pre-wrap text-sm text-slate-600">{form.intro}</p> : null}
      </div>
      {form.fields.length === 0 ? <p className="text-sm text-slate-500">This form has no fields.</p> : null}
      {form.fields.map((f) => (
        <SubmissionFieldInput key={f.id} field={f} value={values[f.id] ?? ''} error={errors[f.id]} onChange={(v) => onChange(f.id, v)} idPrefix={idPrefix} disabled={submitting} />
      ))}
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="submission-form-error">
          {formError}
        </p>
      ) : null}
      <button
        type={preview ? 'button' : 'submit'}
        onClick={preview ? onSubmit : undefined}
        disabled={submitting}
        className="w-full rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:bg-indigo-300"
        data-testid="submission-send"
      >
        {submitting ? 'Sending…' : 'Send message'}
      </button>
      {footer}
    </>
  );
  if (preview) {
    return (
      <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="submission-form">
        {body}
      </div>
    );
  }
  return (
    <form
      noValidate
      aria-label={form.title}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="submission-form"
    >
      {body}
    </form>
  );
}
