'use client';

import { Button } from '../ui/Button';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select, Textarea } from '../ui/Input';
import { type CustomFieldForm } from './submission-form';

export function CustomFieldEditor({
  field,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  field: CustomFieldForm;
  index: number;
  count: number;
  error: (path: string) => string | undefined;
  onChange: (patch: Partial<CustomFieldForm>) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  const p = `custom-${index}`;
  const name = field.label.trim() || `field ${index + 1}`;
  const isSelect = field.type === 'select';
  return (
    <li className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="custom-field-editor">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">
          {index + 1}. {name}
        </p>
        <div className="flex gap-1">
          <Button variant="ghost" size="sm" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>
            ↑
          </Button>
          <Button variant="ghost" size="sm" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${name} down`}>
            ↓
          </Button>
          <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={onRemove}>
            Delete<span className="sr-only"> {name}</span>
          </Button>
        </div>
      </div>
      {error('') && !['label', 'id', 'type', 'options', 'minLength', 'maxLength', 'pattern', 'patternMessage'].some((k) => error(k)) ? (
        <p className="mt-1 text-sm text-red-600">{error('')}</p>
      ) : null}
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <Field id={`${p}-label`} label="Label" error={error('label')}>
          <Input {...fieldProps(`${p}-label`, error('label'))} maxLength={80} value={field.label} onChange={(ev) => onChange({ label: ev.target.value })} />
        </Field>
        <Field id={`${p}-type`} label="Type" error={error('type')}>
          <Select {...fieldProps(`${p}-type`, error('type'))} value={field.type} onChange={(ev) => onChange({ type: ev.target.value as CustomFieldForm['type'] })}>
            <option value="text">Text (one line)</option>
            <option value="textarea">Long text</option>
            <option value="select">Choice (select)</option>
          </Select>
        </Field>
        <Field id={`${p}-id`} label="Key" hint="Lowercase letters, digits, - or _. Submissions store the answer under custom.<key>." error={error('id')}>
          <Input {...fieldProps(`${p}-id`, error('id'), true)} maxLength={40} className="font-mono" value={field.id} onChange={(ev) => onChange({ id: ev.target.value })} />
        </Field>
        <div className="flex items-end pb-2">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={field.required} onChange={(ev) => onChange({ required: ev.target.checked })} />
            Required
          </label>
        </div>
        {isSelect ? (
          <Field id={`${p}-options`} label="Options" hint="One per line (up to 50)." error={error('options')} className="sm:col-span-2">
            <Textarea {...fieldProps(`${p}-options`, error('options'), true)} rows={3} value={field.options} onChange={(ev) => onChange({ options: ev.target.value })} />
          </Field>
        ) : (
          <>
            <Field id={`${p}-min`} label="Minimum length" hint="Optional." error={error('minLength')}>
              <Input {...fieldProps(`${p}-min`, error('minLength'), true)} type="number" inputMode="numeric" min={0} max={5000} value={field.minLength} onChange={(ev) => onChange({ minLength: ev.target.value })} />
            </Field>
            <Field id={`${p}-max`} label="Maximum length" hint={`Optional (default ${field.type === 'textarea' ? 5000 : 500}).`} error={error('maxLength')}>
              <Input {...fieldProps(`${p}-max`, error('maxLength'), true)} type="number" inputMode="numeric" min={1} max={5000} value={field.maxLength} onChange={(ev) => onChange({ maxLength: ev.target.value })} />
            </Field>
            <Field id={`${p}-pattern`} label="Pattern" hint="Optional regular expression, e.g. ^[A-Z]{2}\d{6}$" error={error('pattern')}>
              <Input {...fieldProps(`${p}-pattern`, error('pattern'), true)} maxLength={200} className="font-mono" value={field.pattern} onChange={(ev) => onChange({ pattern: ev.target.value })} />
            </Field>
            <Field id={`${p}-patternMessage`} label="Message when the pattern does not match" error={error('patternMessage')}>
              <Input
                {...fieldProps(`${p}-patternMessage`, error('patternMessage'))}
                maxLength={200}
                disabled={!field.pattern}
                value={field.patternMessage}
                onChange={(ev) => onChange({ patternMessage: ev.target.value })}
              />
            </Field>
          </>
        )}
      </div>
    </li>
  );
}
