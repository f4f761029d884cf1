'use client';

import { useState } from 'react';
import type { SettingsValue } from '../../domain/settings/schemas';
import { contrastRatio, textOn, WIDGET_LANGUAGES, WIDGET_TEXT_KEYS, type WidgetLanguage, type WidgetTextKey } from '../../domain/settings/schemas-widget';
import { RTL_LANGUAGES, t } from '../../widget/i18n-all';
import { CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select, Textarea } from '../ui/Input';
import { PrechatSettingsFields } from './PrechatSettingsFields';
import { GreetingsFields } from './GreetingsFields';
import { SettingsSectionForm } from './SettingsSectionForm';
import { useSettingsForm } from './useSettingsForm';
import type { SettingsState } from './useSettingsForm';
import { domainsError, splitDomains } from './domains';

type Widget = SettingsValue<'widget'>;
type Form = Omit<Widget, 'allowedDomains'> & { allowedDomains: string };

const LANGUAGE_NAMES: Record<WidgetLanguage, string> = { en: 'English', 'zh-CN': '简体中文', es: 'Español', de: 'Deutsch', fr: 'Français', ja: '日本語', pt: 'Português', ar: 'العربية' };
const TEXT_LABELS: Record<WidgetTextKey, string> = {
  greeting: 'Greeting',
  queueEnter: 'Entering the queue',
  queueUpdate: 'Queue position ({position}, {wait})',
  noAgent: '“No agent available” notice',
  queueFull: 'Queue full',
  queueTimeout: 'Queue timeout',
  ended: 'Chat ended',
  agentReplyTimeout: 'No agent reply (end of chat)',
  inactivityWarning: 'Inactivity warning (end of chat)',
  timedOut: 'Ended for inactivity (end of chat)',
};

const toForm = (v: Widget): Form => ({ ...v, allowedDomains: v.allowedDomains.join('\n') });
const fromForm = (f: Form): Widget => ({
  ...f,
  // Blank lines in a choice list are not choices.
  prechat: { ...f.prechat, customFields: f.prechat.customFields.map((c) => ({ ...c, options: c.options.map((o) => o.trim()).filter(Boolean) })) },
  allowedDomains: splitDomains(f.allowedDomains),
});

/** Console > Widget: look, texts per language, pre-chat form and allowed domains, with a live preview of the widget. */
export function WidgetSettingsForm({ initial, workspaceName, groups, agents = [] }: { initial: SettingsState<'widget'>; workspaceName: string; groups: { id: string; name: string }[]; agents?: { id: string; name: string }[] }) {
  const s = useSettingsForm('widget', initial, toForm, fromForm);
  const f = s.form;
  const set = (patch: Partial<Form>) => s.setForm((current) => ({ ...current, ...patch }));
  const [textLang, setTextLang] = useState<WidgetLanguage>(f.defaultLanguage);
  const validColour = /^#[0-9a-fA-F]{6}$/.test(f.brandColor);
  const ratio = validColour ? contrastRatio(f.brandColor, textOn(f.brandColor)) : null;

  const setText = (key: WidgetTextKey, lang: WidgetLanguage, value: string) => set({ texts: { ...f.texts, [key]: { ...(f.texts[key] ?? {}), [lang]: value } } });

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_360px]">
      <SettingsSectionForm form={s} className="min-w-0">
        <CardHeader title="Appearance" description="How the launcher and the chat window look on your website." />
        <div className="grid gap-5 px-5 py-5 md:grid-cols-2">
          <Field
            id="brandColor"
            label="Brand colour"
            hint={ratio ? `Text on it is ${textOn(f.brandColor) === '#ffffff' ? 'white' : 'dark'} (contrast ${ratio.toFixed(1)}:1${ratio < 4.5 ? ', below the 4.5:1 readability minimum: pick a darker or lighter colour' : ''}).` : 'A colour like #4f46e5.'}
            error={s.errors.brandColor}
          >
            <div className="flex gap-2">
              <input type="color" aria-label="Pick the brand colour" value={validColour ? f.brandColor : '#4f46e5'} onChange={(e) => set({ brandColor: e.target.value })} className="h-10 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1" />
              <Input {...fieldProps('brandColor', s.errors.brandColor, true)} value={f.brandColor} onChange={(e) => set({ brandColor: e.target.value.trim() })} maxLength={7} />
            </div>
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Position</legend>
            <div className="mt-2 flex gap-4">
              {(['left', 'right'] as const).map((p) => (
                <label key={p} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="position" checked={f.position === p} onChange={() => set({ position: p })} className="h-4 w-4 accent-indigo-600" />
                  {p === 'left' ? 'Bottom left' : 'Bottom right'}
                </label>
              ))}
            </div>
          </fieldset>
          <Field id="offsetX" label="Distance from the side (px)" error={s.errors.offsetX}>
            <Input {...fieldProps('offsetX', s.errors.offsetX)} type="number" min={0} max={200} value={f.offsetX} onChange={(e) => set({ offsetX: Number(e.target.value) })} />
          </Field>
          <Field id="offsetY" label="Distance from the bottom (px)" error={s.errors.offsetY}>
            <Input {...fieldProps('offsetY', s.errors.offsetY)} type="number" min={0} max={200} value={f.offsetY} onChange={(e) => set({ offsetY: Number(e.target.value) })} />
          </Field>
          <Field id="launcherText" label="Launcher text" hint="Optional, next to the chat icon, e.g. “Chat with us”." error={s.errors.launcherText}>
            <Input {...fieldProps('launcherText', s.errors.launcherText, true)} maxLength={30} value={f.launcherText} onChange={(e) => set({ launcherText: e.target.value })} />
          </Field>
          <Field id="companyName" label="Company name" hint={`Shown in the header; empty uses “${workspaceName}”.`} error={s.errors.companyName}>
            <Input {...fieldProps('companyName', s.errors.companyName, true)} maxLength={80} value={f.companyName} onChange={(e) => set({ companyName: e.target.value })} />
          </Field>
          <Field id="logoUrl" label="Logo or avatar (https:// image address)" hint="Empty shows your initials." error={s.errors.logoUrl} className="md:col-span-2">
            <Input {...fieldProps('logoUrl', s.errors.logoUrl, true)} value={f.logoUrl} onChange={(e) => set({ logoUrl: e.target.value })} placeholder="https://example.com/logo.png" />
          </Field>
          <Field id="emailLogoUrl" label="Email logo (https:// image address)" hint="Shown at the top of every email, next to your workspace name. Empty uses the logo above, if any." error={s.errors.emailLogoUrl} className="md:col-span-2">
            <Input {...fieldProps('emailLogoUrl', s.errors.emailLogoUrl, true)} value={f.emailLogoUrl} onChange={(e) => set({ emailLogoUrl: e.target.value })} placeholder="https://example.com/email-logo.png" />
          </Field>
          <div className="space-y-2 md:col-span-2">
            {(
              [
                ['showAgentAvatars', 'Show the online team’s avatars and the agent’s avatar on their messages'],
                ['preview', 'Preview the newest agent message next to the minimised launcher'],
                ['sound', 'Play a short sound for new agent messages while minimised (visitors can mute it)'],
              ] as const
            ).map(([key, label]) => (
              <label key={key} className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" checked={f[key]} onChange={(e) => set({ [key]: e.target.checked })} className="mt-0.5 h-4 w-4 accent-indigo-600" />
                {label}
              </label>
            ))}
          </div>
        </div>

        <CardHeader title="Texts and languages" description="The widget’s own texts are translated. Give your texts per language; missing ones fall back to the default language, then to the texts of the other settings pages." />
        <div className="space-y-5 px-5 py-5">
          <div className="grid gap-5 md:grid-cols-2">
            <Field id="defaultLanguage" label="Default language" hint="Used when the visitor’s browser language is not offered.">
              <Select {...fieldProps('defaultLanguage', null, true)} value={f.defaultLanguage} onChange={(e) => set({ defaultLanguage: e.target.value as WidgetLanguage })}>
                {WIDGET_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="greeting" label="Greeting" hint="Shown before the first message." error={s.errors.greeting}>
              <Textarea {...fieldProps('greeting', s.errors.greeting, true)} rows={2} maxLength={500} value={f.greeting} onChange={(e) => set({ greeting: e.target.value })} />
            </Field>
          </div>
          <div>
            <div role="tablist" aria-label="Language of the texts" className="flex flex-wrap gap-1">
              {WIDGET_LANGUAGES.map((l) => (
                <button
                  key={l}
                  type="button"
                  role="tab"
                  aria-selected={textLang === l}
                  onClick={() => setTextLang(l)}
                  className={`rounded-md px-2.5 py-1 text-sm ${textLang === l ? 'bg-indigo-600 text-white' : 'text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50'}`}
                >
                  {LANGUAGE_NAMES[l]}
                </button>
              ))}
            </div>
            <div className="mt-4 grid gap-4 md:grid-cols-2" role="tabpanel" dir={RTL_LANGUAGES.has(textLang) ? 'rtl' : undefined}>
              {WIDGET_TEXT_KEYS.map((key) => {
                const id = `text-${key}-${textLang}`;
                const error = s.errors[`texts.${key}.${textLang}`];
                return (
                  <Field key={id} id={id} label={TEXT_LABELS[key]} error={error}>
                    <Textarea {...fieldProps(id, error)} rows={2} maxLength={500} value={f.texts[key]?.[textLang] ?? ''} onChange={(e) => setText(key, textLang, e.target.value)} placeholder="Not translated: the default is used" />
                  </Field>
                );
              })}
            </div>
          </div>
        </div>

        <CardHeader title="Pre-chat form" description="Optional questions before the first message: name, email, topic (routes the chat to that skill group), your own fields and a consent box." />
        <PrechatSettingsFields value={f.prechat} onChange={(prechat) => set({ prechat })} errors={s.errors} groups={groups} lang={textLang} langName={LANGUAGE_NAMES[textLang]} defaultLanguage={f.defaultLanguage} />
        <CardHeader title="Greetings" description="Proactive messages the widget shows by itself when a visitor's page, time on it, visits and language match; each visitor sees each greeting once. Their answer starts a normal chat." />
        <GreetingsFields value={f.greetings} onChange={(greetings) => set({ greetings })} errors={s.errors} agents={agents} languageNames={LANGUAGE_NAMES} />

        <CardHeader title="Allowed domains" description="The widget only loads on these sites. Leave empty to allow any site." />
        <div className="px-5 py-5">
          <Field id="allowedDomains" label="Domains, one per line" hint="example.com, *.example.com (all subdomains), or a full origin like http://127.0.0.1:8080." error={domainsError(s.errors, f.allowedDomains)}>
            <Textarea {...fieldProps('allowedDomains', domainsError(s.errors, f.allowedDomains), true)} rows={4} value={f.allowedDomains} onChange={(e) => set({ allowedDomains: e.target.value })} placeholder={'example.com\n*.example.com'} />
          </Field>
        </div>
      </SettingsSectionForm>
      <WidgetPreview form={f} workspaceName={workspaceName} lang={textLang} />
    </div>
  );
}

/** A static rendering of the widget with the form's current values (no connection). */
function WidgetPreview({ form, workspaceName, lang }: { form: Form; workspaceName: string; lang: WidgetLanguage }) {
  const colour = /^#[0-9a-fA-F]{6}$/.test(form.brandColor) ? form.brandColor : '#4f46e5';
  const text = textOn(colour);
  const title = form.companyName || workspaceName;
  const greeting = form.texts.greeting?.[lang]?.trim() || form.greeting;
  const side = form.position === 'left' ? 'items-start' : 'items-end';
  return (
    <aside aria-label="Preview" className="xl:sticky xl:top-6 xl:self-start" data-testid="widget-preview">
      <p className="mb-2 text-sm font-medium text-slate-700">Preview ({LANGUAGE_NAMES[lang]})</p>
      <div className={`flex flex-col gap-3 rounded-xl bg-slate-200/70 p-4 ${side}`} dir={RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr'}>
        <div className="w-full max-w-[320px] overflow-hidden rounded-2xl bg-white shadow-lg ring-1 ring-slate-200">
          <div className="flex items-center gap-3 px-4 py-3" style={{ background: colour, color: text }}>
            {form.logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- the admin's own logo address
              <img src={form.logoUrl} alt="" className="h-8 w-8 rounded-full bg-white object-cover" />
            ) : (
              <span className="flex h-8 w-8 items-center justify-center rounded-full bg-white/20 text-xs font-semibold">{title.slice(0, 2).toUpperCase()}</span>
            )}
            <div className="min-w-0">
              <p className="truncate text-sm font-semibold">{title}</p>
              <p className="truncate text-xs opacity-90">{t(lang, 'repliesFast')}</p>
            </div>
          </div>
          <div className="space-y-2 bg-slate-50 px-4 py-5">
            <p className="text-center text-sm whitespace-pre-wrap text-slate-600">{greeting}</p>
            <div className="flex justify-end">
              <span className="rounded-2xl rounded-ee-sm px-3 py-2 text-sm" style={{ background: colour, color: text }}>
                Hello! 👋
              </span>
            </div>
          </div>
          <div className="flex gap-2 border-t border-slate-200 p-3">
            <span className="flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm text-slate-400">{t(lang, 'write')}</span>
            <span className="rounded-lg px-3 py-2 text-sm font-medium" style={{ background: colour, color: text }}>
              {t(lang, 'send')}
            </span>
          </div>
        </div>
        <span className="flex h-14 items-center gap-2 rounded-full px-4 text-sm font-semibold shadow-lg" style={{ background: colour, color: text }}>
          <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
          </svg>
          {form.launcherText}
        </span>
      </div>
    </aside>
  );
}
