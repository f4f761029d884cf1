import { localized, WIDGET_LANGUAGES, type WidgetLanguage, type WidgetTextKey } from '../shared/languages';

/**
 * The widget's own UI texts in every supported language, and the language choice: an explicit choice (embed
 * `data-lang`, `LiveChat('setLanguage')`) first, then the browser's languages, then the workspace default.
 * `zh`, `zh-Hans`, `zh-SG` mean Simplified Chinese; a regional variant (`de-AT`, `pt-BR`) its base language.
 */

const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newMessage: 'New message',
  dismiss: 'Dismiss',
  minimise: 'Minimise chat',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  unavailable: 'Unavailable',
  repliesFast: 'Typically replies in a few minutes',
  repliesIn: 'Typically replies in {minutes} min',
  backAt: 'We’re away · back at {time}',
  away: 'We’re away right now · leave a message',
  awayNow: 'We’re away right now',
  endConfirm: 'End this chat?',
  keepChatting: 'Keep chatting',
  waiting: 'Waiting for an agent',
  waitingPosition: 'Waiting for an agent · #{position} in queue',
  chattingWith: 'Chatting with {name}',
  anAgent: 'an agent',
  messageAnyTime: 'Message us any time',
  endChat: 'End chat',
  leaveQueue: 'Leave queue',
  write: 'Write a message…',
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  retry: 'Retry',
  typing: '{name} is typing…',
  ended: 'This chat has ended.',
  newChat: 'Start a new chat',
  emailTranscript: 'Email me the transcript',
  transcriptSent: 'The transcript is on its way to {email}.',
  messageLeft: 'Thanks — your message was sent. We’ll get back to you by email.',
  messageLeftRef: 'Thanks — your message was sent (reference #{number}). We’ll get back to you.',
  alwaysOn: 'We’ll reply as soon as we can — you can leave this page; replies will be here when you come back.',
  soundOn: 'Sound on',
  soundOff: 'Sound off',
  notAllowed: 'This chat is not available on this website.',
  refused: 'This chat is not available. Please contact the site owner.',
  unverified: 'We could not verify your identity for this chat. Please sign in again on the site, or contact the site owner.',
  preChatTitle: 'Before we start',
  name: 'Name',
  email: 'Email',
  topic: 'What is it about?',
  chooseTopic: 'Choose a topic',
  startChat: 'Start chat',
  emailInvalid: 'Enter a valid email address',
  required: 'Please fill this in',
  consentNeeded: 'Please agree to continue',
  privacy: 'Privacy policy',
  consent: 'I agree that my details are used to answer my request.',
  optional: 'optional',
  choose: 'Choose…',
  formRefused: 'We could not start the chat. Please check your answers and try again.',
  sneakPeek: 'Our team can see what you type before you send it.',
};
export type UiKey = keyof typeof en;
export type Dictionary = Record<UiKey, string>;

/**
 * The dictionaries this JavaScript context has: English always; the others from ./dictionaries, which the
 * server and the console load whole (./i18n-all) while the widget iframe gets only the visitor's language
 * from the server (and fetches the rest when the host page switches language): a smaller first load.
 */
const DICTS: Partial<Record<WidgetLanguage, Dictionary>> = { en };

export function registerDictionary(lang: WidgetLanguage, dictionary: Dictionary): void {
  DICTS[lang] ??= dictionary;
}

export function hasDictionary(lang: WidgetLanguage): boolean {
  return lang in DICTS;
}


export const RTL_LANGUAGES: ReadonlySet<WidgetLanguage> = new Set(['ar']);

/** Maps one language tag (`de-AT`, `zh-Hans`, `PT_br`) to a supported language, or null. */
export function matchLanguage(tag: string | null | undefined): WidgetLanguage | null {
  if (!tag) return null;
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (!t) return null;
  const exact = WIDGET_LANGUAGES.find((l) => l.toLowerCase() === t);
  if (exact) return exact;
  const base = t.split('-')[0];
  if (base === 'zh') return /hant|-tw|-hk|-mo/.test(t) ? null : 'zh-CN';
  return WIDGET_LANGUAGES.find((l) => l === base) ?? null;
}

/** The first supported language of the candidates (explicit choice first, then the browser's), else the fallback. */
export function resolveLanguage(candidates: readonly (string | null | undefined)[], fallback: WidgetLanguage): WidgetLanguage {
  for (const c of candidates) {
    const m = matchLanguage(c);
    if (m) return m;
  }
  return fallback;
}

/** A UI text in a language with {placeholders} filled. */
export function t(lang: WidgetLanguage, key: UiKey, vars: Record<string, string | number> = {}): string {
  const template = DICTS[lang]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/**
 * An admin-written text in the visitor's language: the per-language text, else the workspace default
 * language's, else `fallback` (the section's own default text, e.g. the queue message), with {placeholders}.
 */
export function adminText(
  texts: Partial<Record<WidgetTextKey, Partial<Record<WidgetLanguage, string>>>>,
  key: WidgetTextKey,
  lang: WidgetLanguage,
  defaultLanguage: WidgetLanguage,
  fallback: string,
  vars: Record<string, string | number> = {},
): string {
  const template = localized(texts[key], lang, defaultLanguage, fallback);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}
