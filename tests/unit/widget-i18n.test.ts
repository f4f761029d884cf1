import { describe, expect, it } from 'vitest';
import { adminText, matchLanguage, resolveLanguage, t } from '../../src/widget/i18n-all';
import { WIDGET_LANGUAGES } from '../../src/domain/settings/schemas-widget';

describe('widget language choice', () => {
  it('maps browser tags to supported languages', () => {
    expect(matchLanguage('de-AT')).toBe('de');
    expect(matchLanguage('pt-BR')).toBe('pt');
    expect(matchLanguage('zh')).toBe('zh-CN');
    expect(matchLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(matchLanguage('zh_cn')).toBe('zh-CN');
    expect(matchLanguage('zh-TW')).toBeNull(); // Traditional Chinese is not offered: fall through
    expect(matchLanguage('ar-EG')).toBe('ar');
    expect(matchLanguage('sv-SE')).toBeNull();
    expect(matchLanguage('')).toBeNull();
  });

  it('prefers the explicit choice, then the browser languages, then the workspace default', () => {
    expect(resolveLanguage(['fr', 'de-DE', 'en'], 'en')).toBe('fr');
    expect(resolveLanguage([null, 'sv-SE', 'de-DE'], 'en')).toBe('de');
    expect(resolveLanguage([undefined, 'sv-SE', 'zh-TW'], 'ja')).toBe('ja');
  });

  it('has every UI text in every language', () => {
    for (const lang of WIDGET_LANGUAGES) expect(t(lang, 'chattingWith', { name: 'Alice' })).toContain('Alice');
    expect(t('de', 'waitingPosition', { position: 3 })).toBe('Warte auf einen Mitarbeiter · Platz 3');
  });
});

describe('admin texts per language', () => {
  const texts = { greeting: { de: 'Hallo! Wie können wir helfen?', en: '' }, queueUpdate: { fr: 'Vous êtes n° {position}, attente {wait}' } };
  it('uses the visitor language when given', () => {
    expect(adminText(texts, 'greeting', 'de', 'en', 'Hi!')).toBe('Hallo! Wie können wir helfen?');
    expect(adminText(texts, 'queueUpdate', 'fr', 'en', 'You are #2', { position: 2, wait: '~3 min' })).toBe('Vous êtes n° 2, attente ~3 min');
  });
  it('falls back to the workspace default language, then the default text', () => {
    expect(adminText(texts, 'greeting', 'ja', 'de', 'Hi!')).toBe('Hallo! Wie können wir helfen?');
    expect(adminText(texts, 'greeting', 'ja', 'en', 'Hi!')).toBe('Hi!'); // empty English entry = not given
    expect(adminText(texts, 'noAgent', 'es', 'en', 'Sorry, nobody is here.')).toBe('Sorry, nobody is here.');
  });
});
