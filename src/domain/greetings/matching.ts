import type { GreetingConditions, GreetingRule } from './rules';

/**
 * Which greeting the widget shows next (F17 proactive greetings). Apart from the rules' zod schemas on
 * purpose: the widget imports only this, so zod stays out of its first-load bundle (budget 150 KB gz).
 */

/** What the widget knows about the visitor and the team when it evaluates the rules. */
export interface VisitorContext {
  url: string;
  secondsOnPage: number;
  pagesVisited: number;
  returning: boolean;
  language: string;
  withinWorkingHours: boolean;
  agentsOnline: boolean;
  /** Rule ids already shown to this visitor (frequency cap: once per visitor per rule). */
  shown: readonly string[];
}

/**
 * Wildcard match without backtracking blow-up: the classic two-pointer algorithm, O(n·m) at worst.
 * `*` matches any run (also empty), `?` exactly one character.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The address as globs see it: lower case, without the scheme (`shop.example.com/pricing?plan=pro`). */
export function addressForMatch(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '');
}

/** Every condition except the time on the page (the widget waits for that one). */
export function conditionsHold(c: GreetingConditions, ctx: VisitorContext): boolean {
  const href = ctx.url.toLowerCase();
  if (c.urlContains && !href.includes(c.urlContains)) return false;
  if (c.urlMatches && !globMatch(c.urlMatches, addressForMatch(ctx.url))) return false;
  if (ctx.pagesVisited < c.minPagesVisited) return false;
  if (c.returning === 'yes' && !ctx.returning) return false;
  if (c.returning === 'no' && ctx.returning) return false;
  if (c.languages.length > 0 && !c.languages.some((l) => l === ctx.language)) return false;
  if (c.onlyWithinWorkingHours && !ctx.withinWorkingHours) return false;
  if (c.onlyWhenAgentsOnline && !ctx.agentsOnline) return false;
  return true;
}

/**
 * The greeting to show next and in how many seconds (0 = now), or null. Among enabled, not yet shown rules
 * whose conditions hold, the one due soonest; ties go to the rule listed first.
 */
export function nextGreeting(rules: readonly GreetingRule[], ctx: VisitorContext): { rule: GreetingRule; inSeconds: number } | null {
  let best: { rule: GreetingRule; inSeconds: number } | null = null;
  for (const rule of rules) {
    if (!rule.enabled || ctx.shown.includes(rule.id)) continue;
    if (!conditionsHold(rule.conditions, ctx)) continue;
    const inSeconds = Math.max(0, rule.conditions.secondsOnPage - ctx.secondsOnPage);
    if (!best || inSeconds < best.inSeconds) best = { rule, inSeconds };
  }
  return best;
}
