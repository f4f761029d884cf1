/**
 * Form state <-> settings value for Settings > Chat > Submission. Pure code (no React), unit-tested in
 * tests/unit/submission-form.test.ts. Numbers and select options are kept as typed (text); empty optional
 * numbers and texts are left out, a non-numeric number becomes null so the server's field error shows.
 */
import type { SettingsValue } from '../../domain/settings/schemas';

export type SubmissionValue = SettingsValue<'submission'>;
export type BuiltInKey = 'name' | 'email' | 'phone' | 'content';
export const BUILT_IN_KEYS: BuiltInKey[] = ['name', 'email', 'phone', 'content'];

export interface CustomFieldForm {
  /** Stable React key (ids may be edited). */
  key: string;
  id: string;
  type: 'text' | 'textarea' | 'select';
  label: string;
  required: boolean;
  /** One option per line. */
  options: string;
  minLength: string;
  maxLength: string;
  pattern: string;
  patternMessage: string;
}

export type SubmissionFormState = Omit<SubmissionValue, 'form'> & {
  form: Omit<SubmissionValue['form'], 'custom'> & { custom: CustomFieldForm[] };
};

// Stored fields are keyed by position, so converting the saved value twice gives equal state (dirty check).
let keySeq = 0;
const nextKey = () => `new-${++keySeq}`;

export function toSubmissionForm(value: SubmissionValue): SubmissionFormState {
  return {
    ...value,
    form: {
      ...value.form,
      custom: value.form.custom.map((f, i) => ({
        key: `saved-${i}`,
        id: f.id,
        type: f.type,
        label: f.label,
        required: f.required,
        options: f.options.join('\n'),
        minLength: f.minLength === undefined ? '' : String(f.minLength),
        maxLength: f.maxLength === undefined ? '' : String(f.maxLength),
        pattern: f.pattern ?? '',
        patternMessage: f.patternMessage ?? '',
      })),
    },
  };
}

function optionalNumber(text: string): number | null | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function fromSubmissionForm(state: SubmissionFormState): SubmissionValue {
  return {
    ...state,
    form: {
      ...state.form,
      custom: state.form.custom.map((f) => {
        const out: Record<string, unknown> = { id: f.id.trim(), type: f.type, label: f.label, required: f.required };
        out.options = f.type === 'select' ? f.options.split('\n').map((o) => o.trim()).filter(Boolean) : [];
        const min = optionalNumber(f.minLength);
        const max = optionalNumber(f.maxLength);
        if (min !== undefined) out.minLength = min;
        if (max !== undefined) out.maxLength = max;
        if (f.type !== 'select' && f.pattern) out.pattern = f.pattern;
        if (f.type !== 'select' && f.pattern && f.patternMessage.trim()) out.patternMessage = f.patternMessage;
        return out as SubmissionValue['form']['custom'][number];
      }),
    },
  };
}

/** A new custom field with an id not yet used ("field_1", "field_2", ...). */
export function newCustomField(existing: CustomFieldForm[]): CustomFieldForm {
  let n = existing.length + 1;
  while (existing.some((f) => f.id === `field_${n}`)) n++;
  return { key: nextKey(), id: `field_${n}`, type: 'text', label: `Field ${n}`, required: false, options: '', minLength: '', maxLength: '', pattern: '', patternMessage: '' };
}

/** Moves item `from` one step up (-1) or down (+1). */
export function move<T>(list: T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  if (to < 0 || to >= list.length) return list;
  const next = list.slice();
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}
