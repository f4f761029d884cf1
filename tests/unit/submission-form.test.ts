import { describe, expect, it } from 'vitest';
import { fromSubmissionForm, move, newCustomField, toSubmissionForm } from '../../src/components/console/submission-form';
import { validateFieldValues } from '../../src/components/submissions/SubmissionFormView';
import { SubmissionSettings } from '../../src/domain/settings/schemas';
import { formFields, submissionSchema } from '../../src/domain/submissions/form';

const value = SubmissionSettings.parse({
  enabled: true,
  form: {
    custom: [
      { id: 'order', type: 'text', label: 'Order number', required: true, minLength: 3, pattern: '^[A-Z]-\\d+$', patternMessage: 'Like A-1234' },
      { id: 'topic', type: 'select', label: 'Topic', options: ['Billing', 'Shipping'] },
    ],
  },
});

describe('submission settings form state', () => {
  it('round-trips the stored value and stays equal when converted twice (no false "unsaved changes")', () => {
    expect(fromSubmissionForm(toSubmissionForm(value))).toEqual(value);
    expect(toSubmissionForm(value)).toEqual(toSubmissionForm(value));
  });

  it('turns typed text into the value: option lines, optional numbers, empty pattern left out', () => {
    const state = toSubmissionForm(value);
    state.form.custom[1].options = ' Billing \n\nReturns\n';
    state.form.custom[0].maxLength = 'abc';
    state.form.custom[0].minLength = '';
    state.form.custom.push({ ...newCustomField(state.form.custom), pattern: '', patternMessage: 'ignored' });
    const out = fromSubmissionForm(state).form.custom;
    expect(out[1].options).toEqual(['Billing', 'Returns']);
    expect(out[0]).toMatchObject({ maxLength: null });
    expect('minLength' in out[0]).toBe(false);
    expect(out[2]).toMatchObject({ id: 'field_3', type: 'text' });
    expect('pattern' in out[2] || 'patternMessage' in out[2]).toBe(false);
    expect(SubmissionSettings.safeParse(fromSubmissionForm(state)).success).toBe(false); // maxLength null is refused by the server schema
  });

  it('moves custom fields up and down within bounds', () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });
});

describe('widget-side checks', () => {
  it('give the same field errors as the server schema, keyed by field id', () => {
    const fields = formFields(value.form);
    const values = { email: 'nope', 'custom.order': 'b-1', content: '' };
    const client = validateFieldValues(fields, values);
    const server = submissionSchema(value.form).safeParse(values);
    expect(server.success).toBe(false);
    const serverErrors: Record<string, string> = {};
    for (const i of server.error!.issues) serverErrors[i.path.join('.')] ??= i.message;
    expect(client).toEqual(serverErrors);
    expect(Object.keys(client).sort()).toEqual(['content', 'custom.order', 'email']);
    expect(client['custom.order']).toBe('Like A-1234');
    expect(validateFieldValues(fields, { email: 'a@b.co', 'custom.order': 'A-12', content: 'Hi', 'custom.topic': 'Billing' })).toEqual({});
  });
});
