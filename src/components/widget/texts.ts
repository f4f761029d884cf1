import type { WidgetLanguage, WidgetTextKey } from '@/domain/settings/schemas-widget';
import { adminText, t } from '@/widget/i18n';
import type { ReplyExpectation } from '@/domain/widget/availability';
import { withoutWait } from '@/domain/queue/wait';

/** The admin-written texts the widget can show in the visitor's language (Console > Widget). */
export interface WidgetTexts {
  greeting: string;
  defaultLanguage: WidgetLanguage;
  texts: Partial<Record<WidgetTextKey, Partial<Record<WidgetLanguage, string>>>>;
}

/** Server notice kinds and the console text that can replace them per language. */
const NOTICE_TEXT: Record<string, WidgetTextKey> = {
  no_agent: 'noAgent',
  queue_full: 'queueFull',
  queue_timeout: 'queueTimeout',
  ended: 'ended',
  agent_reply_timeout: 'agentReplyTimeout',
  inactivity_warning: 'inactivityWarning',
  timed_out: 'timedOut',
};

export function noticeText(w: WidgetTexts, lang: WidgetLanguage, kind: string | undefined, serverText: string): string {
  const key = kind ? NOTICE_TEXT[kind] : undefined;
  return key ? adminText(w.texts, key, lang, w.defaultLanguage, serverText) : serverText;
}

export function greetingText(w: WidgetTexts, lang: WidgetLanguage): string {
  return adminText(w.texts, 'greeting', lang, w.defaultLanguage, w.greeting);
}

/** The queue line: the per-language queue message when one is given, else the server's (workspace) text. */
export function queueText(w: WidgetTexts, lang: WidgetLanguage, q: { position: number; waitSeconds: number | null; text: string }): string {
  // Nobody online to serve the queue: the admin's text without its {wait} part (never "wait —").
  if (q.waitSeconds === null) {
    const own = adminText(w.texts, 'queueUpdate', lang, w.defaultLanguage, '');
    return own ? withoutWait(own).replaceAll('{position}', String(q.position)) : q.text;
  }
  const wait = `~${Math.max(1, Math.round(q.waitSeconds / 60))} min`;
  return adminText(w.texts, 'queueUpdate', lang, w.defaultLanguage, q.text, { position: q.position, wait });
}

const WEEKDAY_INDEX = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 0 } as const;

/**
 * "Typically replies in a few minutes" / "back at 09:00 Tue" in the visitor's language. `leaveMessage`: the
 * leave-a-message form is offered when nobody can chat (otherwise the header promises nothing).
 */
export function expectationText(e: ReplyExpectation, lang: WidgetLanguage, leaveMessage = true): string {
  if (e.kind === 'online') return e.minutes && e.minutes > 5 ? t(lang, 'repliesIn', { minutes: e.minutes }) : t(lang, 'repliesFast');
  // "leave a message" only where the form is really offered (issue 21).
  if (!e.backAt) return t(lang, leaveMessage ? 'away' : 'awayNow');
  // 2024-01-07 was a Sunday: day N of that week has the weekday we want.
  const day = new Date(Date.UTC(2024, 0, 7 + WEEKDAY_INDEX[e.backAt.weekday], 12));
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(day);
  return t(lang, 'backAt', { time: e.backAt.daysAhead === 0 ? e.backAt.time : `${e.backAt.time} ${weekday}` });
}
