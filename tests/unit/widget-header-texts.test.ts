import { describe, expect, it } from 'vitest';
import { expectationText, queueText, type WidgetTexts } from '../../src/components/widget/texts';
import { DICTIONARIES } from '../../src/widget/dictionaries';
import { registerDictionary } from '../../src/widget/i18n';

registerDictionary('de', DICTIONARIES.de);

const texts = (queueUpdate?: string): WidgetTexts => ({ greeting: 'Hi', defaultLanguage: 'en', texts: queueUpdate ? { queueUpdate: { en: queueUpdate } } : {} });

describe('widget header and queue texts (issue 21: the header tells the truth)', () => {
  it('promises "leave a message" only when the form is offered', () => {
    expect(expectationText({ kind: 'away', backAt: null }, 'en', true)).toBe('We’re away right now · leave a message');
    expect(expectationText({ kind: 'away', backAt: null }, 'en', false)).toBe('We’re away right now');
    expect(expectationText({ kind: 'away', backAt: null }, 'de', false)).toBe('Gerade nicht da');
  });

  it('a queue with nobody online reads like people write (no "unknown", no "—")', () => {
    const q = { position: 1, waitSeconds: null, text: 'All our agents are busy. You are number 1 in the queue.' };
    expect(queueText(texts(), 'en', q)).toBe('All our agents are busy. You are number 1 in the queue.');
    expect(queueText(texts('You are #{position}; wait {wait}.'), 'en', q)).toBe('You are #1.');
    expect(queueText(texts('You are #{position}; wait {wait}.'), 'en', { ...q, waitSeconds: 240 })).toBe('You are #1; wait ~4 min.');
  });
});
