/**
 * Widget languages and admin text keys, free of zod and of any server code: shared by the domain (the
 * settings schemas in src/domain/settings re-export them for the server), the widget loader and iframe
 * (src/widget) and the console. src/shared holds data and types that every side may import.
 */
export const WIDGET_LANGUAGES = ['en', 'zh-CN', 'es', 'de', 'fr', 'ja', 'pt', 'ar'] as const;
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];

/** Admin-written texts a workspace can give per language; empty/missing = the workspace default text. */
export const WIDGET_TEXT_KEYS = ['greeting', 'queueEnter', 'queueUpdate', 'noAgent', 'queueFull', 'queueTimeout', 'ended', 'agentReplyTimeout', 'inactivityWarning', 'timedOut'] as const;
export type WidgetTextKey = (typeof WIDGET_TEXT_KEYS)[number];

/** A text given per language (missing = fall back to the workspace default language, then the default text). */
export type LocalizedText = Partial<Record<WidgetLanguage, string>>;

/** The text in `lang`, else in the workspace default language, else `fallback`. */
export function localized(byLang: LocalizedText | undefined, lang: WidgetLanguage, defaultLanguage: WidgetLanguage, fallback: string): string {
  return byLang?.[lang]?.trim() || byLang?.[defaultLanguage]?.trim() || fallback;
}
