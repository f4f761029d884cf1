import type { PrechatSettings } from '../domain/widget/prechat-config';
import { t, type UiKey } from './i18n';
import { localized, type WidgetLanguage } from '../shared/languages';

/**
 * The pre-chat form as the widget iframe gets it (the workspace's form with the offered groups' names) and
 * the small browser-side check before sending. zod-free on purpose: this runs in the widget's client bundle;
 * the server checks the answers again with zod (src/domain/widget/prechat.ts).
 */
export type PrechatForm = Omit<PrechatSettings, 'group'> & {
  group: Omit<PrechatSettings['group'], 'groupIds'> & { options: { id: string; name: string }[] };
  defaultLanguage: WidgetLanguage;
};

export interface PrechatValues {
  name: string;
  email: string;
  groupId: string;
  fields: Record<string, string>;
  consent: boolean;
}

/** Labels in the visitor's language: per-language text, else the default language's, else the widget's own wording. */
export function prechatLabels(form: PrechatForm, lang: WidgetLanguage) {
  const d = form.defaultLanguage;
  return {
    intro: localized(form.introTexts, lang, d, form.intro || t(lang, 'preChatTitle')),
    group: localized(form.group.labels, lang, d, form.group.label || t(lang, 'topic')),
    field: (key: string) => {
      const f = form.customFields.find((c) => c.key === key);
      return f ? localized(f.labels, lang, d, f.label) : key;
    },
    consent: localized(form.consent.texts, lang, d, form.consent.text || t(lang, 'consent')),
    consentLink: localized(form.consent.linkTexts, lang, d, form.consent.linkText || t(lang, 'privacy')),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field errors (UI text keys) by field name: `name`, `email`, `groupId`, `consent`, `fields.<key>`. Empty = fine. */
export function prechatErrors(form: PrechatForm, v: PrechatValues): Record<string, UiKey> {
  const errors: Record<string, UiKey> = {};
  if (form.name === 'required' && !v.name.trim()) errors.name = 'required';
  if (form.email === 'required' && !v.email.trim()) errors.email = 'required';
  else if (form.email !== 'off' && v.email.trim() && !EMAIL.test(v.email.trim())) errors.email = 'emailInvalid';
  if (form.group.need === 'required' && form.group.options.length > 0 && !v.groupId) errors.groupId = 'required';
  for (const f of form.customFields) if (f.required && !(v.fields[f.key] ?? '').trim()) errors[`fields.${f.key}`] = 'required';
  if (form.consent.enabled && !v.consent) errors.consent = 'consentNeeded';
  return errors;
}

/** The questions this form shows, by the field names errors use (`name`, `email`, `groupId`, `consent`, `fields.<key>`). */
export function prechatFieldIds(form: PrechatForm): string[] {
  return [
    ...(form.name !== 'off' ? ['name'] : []),
    ...(form.email !== 'off' ? ['email'] : []),
    ...(form.group.need !== 'off' && form.group.options.length > 0 ? ['groupId'] : []),
    ...form.customFields.map((f) => `fields.${f.key}`),
    ...(form.consent.enabled ? ['consent'] : []),
  ];
}

/** What `chat.start` sends as `prechat`: only the asked questions, blanks left out. */
export function prechatPayload(form: PrechatForm, v: PrechatValues): Record<string, unknown> {
  const fields = Object.fromEntries(form.customFields.map((f) => [f.key, (v.fields[f.key] ?? '').trim()]).filter(([, value]) => value));
  return {
    ...(form.name !== 'off' && v.name.trim() ? { name: v.name.trim() } : {}),
    ...(form.email !== 'off' && v.email.trim() ? { email: v.email.trim() } : {}),
    ...(form.group.need !== 'off' && v.groupId ? { groupId: v.groupId } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(form.consent.enabled ? { consent: v.consent } : {}),
  };
}
