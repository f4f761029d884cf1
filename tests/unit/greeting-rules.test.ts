import { describe, expect, it } from 'vitest';
import { GreetingRule, GreetingRules } from '../../src/domain/greetings/rules';
import { globMatch, nextGreeting, type VisitorContext } from '../../src/domain/greetings/matching';
import { WidgetSettings } from '../../src/domain/settings/schemas-widget';

const ctx = (over: Partial<VisitorContext> = {}): VisitorContext => ({
  url: 'https://shop.example.com/pricing?plan=pro',
  secondsOnPage: 0,
  pagesVisited: 1,
  returning: false,
  language: 'en',
  withinWorkingHours: true,
  agentsOnline: true,
  shown: [],
  ...over,
});
const rule = (conditions: Record<string, unknown> = {}, over: Record<string, unknown> = {}) =>
  GreetingRule.parse({ id: 'r1', name: 'Pricing', message: 'Questions about plans?', conditions, ...over });
const due = (r: GreetingRule, c: Partial<VisitorContext> = {}) => nextGreeting([r], ctx(c));

describe('greeting rules: schema', () => {
  it('fills defaults and refuses bad input with human messages', () => {
    const r = rule();
    expect(r.from).toEqual({ kind: 'team' });
    expect(r.enabled).toBe(true);
    expect(r.conditions).toMatchObject({ urlContains: '', urlMatches: '', secondsOnPage: 0, minPagesVisited: 1, returning: 'any', languages: [] });
    const bad = GreetingRule.safeParse({ id: 'r1', name: '', message: '' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['Give the greeting a name', 'Write the greeting message']));
    expect(GreetingRule.safeParse({ id: 'r1', name: 'x', message: 'y', conditions: { secondsOnPage: -1 } }).error!.issues[0].message).toBe('Seconds on the page cannot be negative');
    expect(GreetingRule.safeParse({ id: 'r1', name: 'x', message: 'y', from: { kind: 'agent', agentId: 'bob' } }).error!.issues[0].message).toBe('Choose an agent');
    expect(GreetingRule.safeParse({ id: 'r1', name: 'x', message: 'y', conditions: { languages: ['xx'] } }).success).toBe(false);
    expect(GreetingRules.safeParse([rule(), rule()]).error!.issues[0].message).toBe('Two greetings share the same key');
  });

  it('is part of the widget settings, empty by default', () => {
    expect(WidgetSettings.parse({}).greetings).toEqual([]);
    expect(WidgetSettings.parse({ greetings: [{ id: 'a', name: 'A', message: 'Hi' }] }).greetings[0].conditions.minPagesVisited).toBe(1);
  });
});

describe('greeting rules: safe glob', () => {
  it('matches * and ? only, everything else literally', () => {
    expect(globMatch('shop.example.com/pricing*', 'shop.example.com/pricing?plan=pro')).toBe(true);
    expect(globMatch('*/pricing', 'shop.example.com/pricing')).toBe(true);
    expect(globMatch('*/pricing', 'shop.example.com/pricing/x')).toBe(false);
    expect(globMatch('shop.example.com/p?icing', 'shop.example.com/pricing')).toBe(true);
    expect(globMatch('(a+)+$', 'aaaa')).toBe(false);
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('', '')).toBe(true);
  });

  it('stays fast on patterns that would make a regex backtrack', () => {
    const started = Date.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('greeting rules: each condition', () => {
  it('page address contains (case-insensitive)', () => {
    expect(due(rule({ urlContains: 'PRICING' }))).not.toBeNull();
    expect(due(rule({ urlContains: 'checkout' }))).toBeNull();
  });
  it('page address matches a glob, without the scheme', () => {
    expect(due(rule({ urlMatches: 'shop.example.com/pricing*' }))).not.toBeNull();
    expect(due(rule({ urlMatches: '*.example.com/docs/*' }))).toBeNull();
  });
  it('seconds on page: due now, or in the remaining seconds', () => {
    expect(due(rule({ secondsOnPage: 30 }))!.inSeconds).toBe(30);
    expect(due(rule({ secondsOnPage: 30 }), { secondsOnPage: 12 })!.inSeconds).toBe(18);
    expect(due(rule({ secondsOnPage: 30 }), { secondsOnPage: 45 })!.inSeconds).toBe(0);
  });
  it('pages visited in the session at least N', () => {
    expect(due(rule({ minPagesVisited: 3 }), { pagesVisited: 2 })).toBeNull();
    expect(due(rule({ minPagesVisited: 3 }), { pagesVisited: 3 })).not.toBeNull();
  });
  it('returning visitor yes / no / any', () => {
    expect(due(rule({ returning: 'yes' }), { returning: false })).toBeNull();
    expect(due(rule({ returning: 'yes' }), { returning: true })).not.toBeNull();
    expect(due(rule({ returning: 'no' }), { returning: true })).toBeNull();
    expect(due(rule({ returning: 'no' }), { returning: false })).not.toBeNull();
    expect(due(rule({ returning: 'any' }), { returning: true })).not.toBeNull();
  });
  it('language', () => {
    expect(due(rule({ languages: ['de', 'fr'] }), { language: 'en' })).toBeNull();
    expect(due(rule({ languages: ['de', 'fr'] }), { language: 'fr' })).not.toBeNull();
  });
  it('only within working hours', () => {
    expect(due(rule({ onlyWithinWorkingHours: true }), { withinWorkingHours: false })).toBeNull();
    expect(due(rule({ onlyWithinWorkingHours: true }), { withinWorkingHours: true })).not.toBeNull();
    expect(due(rule({}), { withinWorkingHours: false })).not.toBeNull();
  });
  it('only when agents are online', () => {
    expect(due(rule({ onlyWhenAgentsOnline: true }), { agentsOnline: false })).toBeNull();
    expect(due(rule({ onlyWhenAgentsOnline: true }), { agentsOnline: true })).not.toBeNull();
  });
  it('shown at most once per visitor per rule, disabled rules never', () => {
    expect(due(rule(), { shown: ['r1'] })).toBeNull();
    expect(due(rule({}, { enabled: false }))).toBeNull();
  });
  it('picks the rule due soonest, ties to the first listed', () => {
    const slow = rule({ secondsOnPage: 60 }, { id: 'slow' });
    const fast = rule({ secondsOnPage: 5 }, { id: 'fast' });
    const also = rule({ secondsOnPage: 5 }, { id: 'also' });
    expect(nextGreeting([slow, fast, also], ctx())!.rule.id).toBe('fast');
    expect(nextGreeting([slow, fast, also], ctx({ shown: ['fast'] }))!.rule.id).toBe('also');
  });
});
