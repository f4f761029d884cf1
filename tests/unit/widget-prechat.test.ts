import { describe, expect, it } from 'vitest';
import { WidgetSettings } from '../../src/domain/settings/schemas-widget';
import { PrechatSettings } from '../../src/domain/widget/prechat-config';
import { checkPrechat, PrechatInput } from '../../src/domain/widget/prechat';
import { hasErrorCode } from '../../src/lib/errors';
import '../../src/widget/i18n-all';
import { prechatErrors, prechatLabels, prechatPayload, type PrechatForm } from '../../src/widget/prechat-form';

const SALES = '7b0f7f39-6a3e-4c55-9d5b-1f0c2a7e9d01';
const SUPPORT = '7b0f7f39-6a3e-4c55-9d5b-1f0c2a7e9d02';

const form = PrechatSettings.parse({
  enabled: true,
  name: 'required',
  email: 'required',
  group: { need: 'required' },
  customFields: [
    { key: 'order', label: 'Order number', labels: { de: 'Bestellnummer' } },
    { key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'], required: true },
  ],
  consent: { enabled: true, linkUrl: 'https://example.com/privacy', texts: { fr: 'J’accepte' } },
});

function errorPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(hasErrorCode(error, 'bad_request')).toBe(true);
    return ((error as { details: { path: string }[] }).details ?? []).map((d) => d.path).sort();
  }
  throw new Error('expected a bad_request');
}

describe('pre-chat settings', () => {
  it('is off by default, with every field defaulted in an old stored widget value', () => {
    const widget = WidgetSettings.parse({ brandColor: '#112233' });
    expect(widget.prechat).toMatchObject({ enabled: false, name: 'required', email: 'optional', group: { need: 'off', groupIds: [], designation: 'may' }, customFields: [], consent: { enabled: false, linkUrl: '' } });
  });

  it('refuses bad custom fields and links with the field path', () => {
    const bad = PrechatSettings.safeParse({
      customFields: [
        { key: 'Order No', label: 'x' },
        { key: 'plan', label: 'Plan', type: 'select', options: [] },
      ],
      consent: { linkUrl: 'javascript:alert(1)' },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['customFields.0.key', 'customFields.1.options', 'consent.linkUrl']));
    const twins = PrechatSettings.safeParse({ customFields: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }] });
    expect(twins.error?.issues[0].message).toBe('Two custom fields have the same key');
  });
});

describe('pre-chat answers (server)', () => {
  const good = { name: ' Jane ', email: 'jane@example.com', groupId: SALES, fields: { plan: 'Pro', order: ' 123 ', stray: 'x' }, consent: true };

  it('accepts and normalises a complete form, dropping unknown fields', () => {
    expect(checkPrechat(form, [SALES, SUPPORT], PrechatInput.parse(good))).toEqual({ name: 'Jane', email: 'jane@example.com', groupId: SALES, fields: { order: '123', plan: 'Pro' }, consent: true });
  });

  it('names every missing or wrong answer', () => {
    expect(errorPaths(() => checkPrechat(form, [SALES], {}))).toEqual(['consent', 'email', 'fields.plan', 'groupId', 'name']);
    expect(errorPaths(() => checkPrechat(form, [SALES], { ...good, email: 'nope', groupId: SUPPORT, fields: { plan: 'Gold' }, consent: false }))).toEqual(['consent', 'email', 'fields.plan', 'groupId']);
  });

  it('ignores questions that are off, and optional blanks', () => {
    const light = PrechatSettings.parse({ enabled: true, name: 'optional', email: 'off', group: { need: 'required' } });
    // No group left to offer: the group question is not asked.
    expect(checkPrechat(light, [], { name: '  ', email: 'whatever', groupId: SALES, consent: false })).toEqual({ name: null, email: null, groupId: null, fields: {}, consent: false });
  });
});

describe('pre-chat form (widget)', () => {
  const widgetForm: PrechatForm = { ...form, group: { ...form.group, options: [{ id: SALES, name: 'Sales' }] }, defaultLanguage: 'en' };
  const empty = { name: '', email: '', groupId: '', fields: {}, consent: false };

  it('checks the same rules before sending', () => {
    expect(prechatErrors(widgetForm, empty)).toEqual({ name: 'required', email: 'required', groupId: 'required', 'fields.plan': 'required', consent: 'consentNeeded' });
    expect(prechatErrors(widgetForm, { name: 'J', email: 'j@x', groupId: SALES, fields: { plan: 'Pro' }, consent: true })).toEqual({ email: 'emailInvalid' });
  });

  it('sends only asked, non-blank answers', () => {
    expect(prechatPayload({ ...widgetForm, email: 'off' }, { name: ' J ', email: 'x', groupId: SALES, fields: { order: ' ', plan: 'Pro' }, consent: true })).toEqual({ name: 'J', groupId: SALES, fields: { plan: 'Pro' }, consent: true });
  });

  it('labels fall back: visitor language, then the default language, then the widget wording', () => {
    const de = prechatLabels(widgetForm, 'de');
    expect([de.field('order'), de.field('plan'), de.consentLink, de.intro]).toEqual(['Bestellnummer', 'Plan', 'Datenschutzerklärung', 'Bevor es losgeht']);
    expect(de.consent).toMatch(/^Ich bin einverstanden/);
    expect(prechatLabels(widgetForm, 'fr').consent).toBe('J’accepte');
    expect(prechatLabels({ ...widgetForm, defaultLanguage: 'fr' }, 'ja').consent).toBe('J’accepte');
  });
});

/**
 * Issue 21 item 1: every combination a customer can pick (name, email, topic, a custom field: off / optional /
 * required; consent on / off), answered fully and left blank, through the widget's payload and the server's
 * check: a form with nothing required starts with no answers, and both sides name the same missing answers.
 */
describe('pre-chat form: every combination of questions', () => {
  const needs = ['off', 'optional', 'required'] as const;
  const combos = needs.flatMap((name) => needs.flatMap((email) => needs.flatMap((group) => needs.flatMap((custom) => [true, false].map((consent) => ({ name, email, group, custom, consent }))))));

  function formOf(c: (typeof combos)[number]) {
    const settings = PrechatSettings.parse({
      enabled: true,
      name: c.name,
      email: c.email,
      group: { need: c.group },
      customFields: c.custom === 'off' ? [] : [{ key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'], required: c.custom === 'required' }],
      consent: { enabled: c.consent, linkUrl: 'https://example.com/privacy' },
    });
    const widget: PrechatForm = { ...settings, group: { ...settings.group, options: c.group === 'off' ? [] : [{ id: SALES, name: 'Sales' }] }, defaultLanguage: 'en' };
    return { settings, widget, offered: c.group === 'off' ? [] : [SALES] };
  }

  it(`covers ${combos.length} forms`, () => expect(combos).toHaveLength(162));

  it.each(combos)('name $name, email $email, topic $group, field $custom, consent $consent', (c) => {
    const { settings, widget, offered } = formOf(c);
    const full = { name: 'Jane', email: 'jane@example.com', groupId: SALES, fields: { plan: 'Pro' }, consent: true };
    expect(prechatErrors(widget, full)).toEqual({});
    const answers = checkPrechat(settings, offered, PrechatInput.parse(prechatPayload(widget, full)));
    expect(answers).toEqual({
      name: c.name === 'off' ? null : 'Jane',
      email: c.email === 'off' ? null : 'jane@example.com',
      groupId: c.group === 'off' ? null : SALES,
      fields: c.custom === 'off' ? {} : { plan: 'Pro' },
      consent: c.consent,
    });

    const blank = { name: '', email: '', groupId: '', fields: {}, consent: false };
    const widgetMissing = Object.keys(prechatErrors(widget, blank)).sort();
    const expected = [
      ...(c.consent ? ['consent'] : []),
      ...(c.email === 'required' ? ['email'] : []),
      ...(c.custom === 'required' ? ['fields.plan'] : []),
      ...(c.group === 'required' ? ['groupId'] : []),
      ...(c.name === 'required' ? ['name'] : []),
    ];
    expect(widgetMissing).toEqual(expected);
    const payload = PrechatInput.parse(prechatPayload(widget, blank));
    if (expected.length) expect(errorPaths(() => checkPrechat(settings, offered, payload))).toEqual(expected);
    else expect(checkPrechat(settings, offered, payload)).toEqual({ name: null, email: null, groupId: null, fields: {}, consent: false });
  });
});
