import { z } from 'zod';
import type { CustomField, SubmissionForm } from '../settings/schemas';

/** A field as the widget renders it: built-ins and custom fields in one list, in display order. */
export interface FormField {
  id: string;
  type: 'text' | 'email' | 'tel' | 'textarea' | 'select';
  label: string;
  required: boolean;
  options: string[];
  minLength?: number;
  maxLength: number;
  pattern?: string;
  patternMessage?: string;
}

const BUILT_INS = [
  { id: 'name', type: 'text', maxLength: 100 },
  { id: 'email', type: 'email', maxLength: 200 },
  { id: 'phone', type: 'tel', maxLength: 40 },
  { id: 'content', type: 'textarea', maxLength: 5000 },
] as const;

/** The designed form as a list of fields: what the widget shows, exactly as designed. */
export function formFields(form: SubmissionForm): FormField[] {
  const builtIns: FormField[] = BUILT_INS.filter((b) => form[b.id].enabled).map((b) => ({
    id: b.id,
    type: b.type,
    label: form[b.id].label,
    required: form[b.id].required,
    options: [],
    maxLength: b.maxLength,
  }));
  const custom: FormField[] = form.custom.map((f: CustomField) => ({
    id: `custom.${f.id}`,
    type: f.type,
    label: f.label,
    required: f.required,
    options: f.options,
    minLength: f.minLength,
    maxLength: f.maxLength ?? (f.type === 'textarea' ? 5000 : 500),
    pattern: f.pattern,
    patternMessage: f.patternMessage,
  }));
  // Content last: it is the message itself.
  return [...builtIns.filter((f) => f.id !== 'content'), ...custom, ...builtIns.filter((f) => f.id === 'content')];
}

function fieldSchema(field: FormField): z.ZodType<string | undefined> {
  let text = z.string().trim().max(field.maxLength, `${field.label}: at most ${field.maxLength} characters`);
  if (field.minLength) text = text.min(field.minLength, `${field.label}: at least ${field.minLength} characters`);
  let schema: z.ZodType<string, string> = text;
  if (field.type === 'email') schema = text.pipe(z.email(`${field.label}: enter a valid email address`));
  if (field.type === 'tel') schema = text.regex(/^[+()\d\s.-]{5,40}$/, `${field.label}: enter a valid phone number`);
  if (field.type === 'select') schema = text.refine((v) => field.options.includes(v), `${field.label}: choose one of the options`);
  if (field.pattern) {
    const re = new RegExp(field.pattern);
    schema = schema.refine((v) => re.test(v), field.patternMessage || `${field.label} has an invalid format`);
  }
  if (field.required) return z.string({ error: `${field.label} is required` }).trim().min(1, `${field.label} is required`).pipe(schema);
  // Optional: empty means absent; anything given must still be valid.
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

/**
 * The zod schema of a designed form: the server validates submissions with it, and the widget shows its
 * field errors. Keys: `name`, `email`, `phone`, `content`, `custom.<id>`; unknown keys are refused.
 */
export function submissionSchema(form: SubmissionForm) {
  return fieldsSchema(formFields(form));
}

/** The same schema from the offered field list: the widget checks values with it before sending. */
export function fieldsSchema(fields: FormField[]) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const field of fields) shape[field.id] = fieldSchema(field);
  return z.strictObject(shape);
}
