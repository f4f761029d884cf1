import { describe, expect, it } from 'vitest';
import { domainsError, splitDomains } from '../../src/components/console/domains';
import { saveIssues, unknownPlaceholder } from '../../src/domain/settings/save-checks';
import { defaultSettings, SETTINGS_SCHEMAS } from '../../src/domain/settings/schemas';
import { pathLabel, readableValue } from '../../src/components/console/audit-labels';

describe('allowed domains box', () => {
  it('keeps an entry with a space whole, so it is refused instead of split into two', () => {
    expect(splitDomains('https://my shop.com')).toEqual(['https://my shop.com']);
    expect(splitDomains('example.com\n *.example.com , http://127.0.0.1:8080\n\n')).toEqual(['example.com', '*.example.com', 'http://127.0.0.1:8080']);
    const parsed = SETTINGS_SCHEMAS.widget.safeParse({ allowedDomains: splitDomains('shop.com\nhttps://my shop.com') });
    expect(parsed.success).toBe(false);
    const errors = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(domainsError(errors, 'shop.com\nhttps://my shop.com')).toBe('“https://my shop.com” is not a domain. Enter a domain like example.com, *.example.com or http://127.0.0.1:8080');
  });
});

describe('queue message placeholders', () => {
  it('refuses an unknown placeholder and says which exist', () => {
    expect(unknownPlaceholder('You are number {position}, wait {wait}', ['position', 'wait'])).toBeNull();
    expect(unknownPlaceholder('You are {bogus}', ['position', 'wait'])).toBe('{bogus} is not a placeholder. You can use {position} and {wait}.');
    expect(unknownPlaceholder('Full {position}', [])).toBe('{position} is not a placeholder. This message has no placeholders.');
    const value = { ...defaultSettings('queue'), enterMessage: 'Hi {bogus} {name}' };
    expect(saveIssues('queue', value)).toEqual([{ path: 'enterMessage', message: '{bogus}, {name} are not placeholders. You can use {position} and {wait}.' }]);
    expect(saveIssues('queue', defaultSettings('queue'))).toEqual([]);
  });
});

describe('audit log words', () => {
  it('shows labels instead of keys and readable values instead of JSON', () => {
    expect(pathLabel('queue.maxLength')).toBe('Queue › Max length');
    expect(pathLabel('rules.0.target.groupId')).toBe('Rules › #1 › Target › Skill group');
    expect(readableValue(true)).toBe('On');
    expect(readableValue(['desktop', 'app'])).toBe('Desktop site, App');
    const id = '0b6f6a5e-8a43-4a1e-9a57-0f7d7b0e6a11';
    expect(readableValue(id, { [id]: 'Sales' })).toBe('Sales');
    expect(readableValue(id)).toBe('a removed item');
    expect(readableValue({ [id]: 5 }, { [id]: 'Sales' })).toBe('Sales: 5');
    expect(readableValue({ enabled: false, seconds: 60 })).toBe('Enabled: Off; Seconds: 60');
  });
});
