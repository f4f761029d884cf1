import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../src/domain/canned/csv';
import { fillPlaceholders } from '../../src/domain/canned/placeholders';
import { filterByTags } from '../../src/domain/tags/service';
import { describeUserAgent } from '../../src/domain/visitors/context';
import { conditionsMatch, type ChatContext } from '../../src/domain/routing/rules';
import type { RuleConditions } from '../../src/domain/settings/schemas';

const values = { visitor: { name: 'Ana', email: 'ana@example.com' }, agent: { name: 'Bob' }, workspace: { name: 'Acme' } };

describe('canned reply placeholders', () => {
  it('fills every placeholder, case- and space-insensitive, and leaves unknown ones visible', () => {
    expect(fillPlaceholders('Hi {visitor.name} <{Visitor.Email}>, {agent.name} of { workspace.name }. {visitor.phone}', values)).toBe('Hi Ana <ana@example.com>, Bob of Acme. {visitor.phone}');
  });
  it('uses neutral fallbacks for an anonymous visitor', () => {
    expect(fillPlaceholders('Hi {visitor.name}!{visitor.email}', { ...values, visitor: { name: null, email: null } })).toBe('Hi there!');
  });
});

describe('canned reply CSV', () => {
  it('round-trips quotes, commas and newlines, and neutralises spreadsheet formulas', () => {
    const rows = [['shortcut', 'body'], ['a', 'one, "two"\nthree'], ['f', '=SUM(A1)']];
    const csv = toCsv(rows);
    expect(parseCsv(csv)).toEqual([rows[0], rows[1], ['f', "'=SUM(A1)"]]);
    expect(parseCsv('\uFEFFa,b\r\n\r\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

describe('tag filter and routing condition', () => {
  const items = [{ id: '1' }, { id: '2' }, { id: '3' }];
  const tagsOf = { '1': [{ id: 'vip' }], '2': [{ id: 'billing' }, { id: 'vip' }] };
  it('keeps conversations with any chosen tag; none chosen = all', () => {
    expect(filterByTags(items, tagsOf, ['vip']).map((c) => c.id)).toEqual(['1', '2']);
    expect(filterByTags(items, tagsOf, ['billing']).map((c) => c.id)).toEqual(['2']);
    expect(filterByTags(items, tagsOf, [])).toHaveLength(3);
  });
  it('matches "visitor is tagged" case-insensitively against CRM and start tags', () => {
    const conditions: RuleConditions = { channels: [], entryUrlPattern: '', vip: 'any', tags: ['VIP'], designated: 'any' };
    const chat: Omit<ChatContext, 'tags'> = { channel: 'desktop', entryUrl: null, vip: false, designated: null };
    expect(conditionsMatch({ ...conditions, tags: ['VIP'] }, { ...chat, tags: ['vip'] })).toBe(true);
    expect(conditionsMatch({ ...conditions, tags: ['VIP'] }, { ...chat, tags: ['billing'] })).toBe(false);
  });
});

describe('user agent', () => {
  it('describes browser, OS and device type', () => {
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36')).toEqual({ browser: 'Chrome 126.0', os: 'Windows 10', type: 'desktop' });
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, type: null });
  });
});
