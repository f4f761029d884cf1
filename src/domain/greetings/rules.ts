import { z } from 'zod';
import { WIDGET_LANGUAGES } from '../../shared/languages';

/**
 * Proactive greetings (issue 26 item 4): rules set in Console > Widget, shipped with the widget config and
 * evaluated in the widget from the visitor's context, so a page view costs no server round trip.
 * Pure code: no framework, no database.
 */

/** A safe glob: `*` = any run of characters, `?` = one character; no regex syntax reaches a RegExp. */
const Glob = z
  .string()
  .trim()
  .toLowerCase()
  .max(200, 'Keep the address pattern under 200 characters')
  .regex(/^[^\s]*$/, 'An address pattern has no spaces, e.g. shop.example.com/pricing*');

export const GreetingConditions = z.object({
  /** Page address contains this text (case-insensitive); empty = any page. */
  urlContains: z.string().trim().toLowerCase().max(200, 'Keep the address text under 200 characters').default(''),
  /** Page address (without http:// or https://) matches this glob; empty = any page. */
  urlMatches: Glob.default(''),
  secondsOnPage: z.number({ message: 'Enter the seconds on the page as a number' }).int('Use whole seconds').min(0, 'Seconds on the page cannot be negative').max(3600, 'Wait at most an hour (3600 seconds)').default(0),
  /** Pages visited in this session, this one included, at least. */
  minPagesVisited: z.number({ message: 'Enter the pages visited as a number' }).int('Use a whole number of pages').min(1, 'At least the current page (1)').max(100, 'At most 100 pages').default(1),
  returning: z.enum(['any', 'yes', 'no'], { message: 'Choose any, returning or new visitors' }).default('any'),
  /** The visitor's widget language is one of these; empty = any language. */
  languages: z.array(z.enum(WIDGET_LANGUAGES, { message: 'Choose a language the widget supports' })).max(WIDGET_LANGUAGES.length).default([]),
  onlyWithinWorkingHours: z.boolean().default(false),
  onlyWhenAgentsOnline: z.boolean().default(false),
});
export type GreetingConditions = z.infer<typeof GreetingConditions>;

export const GreetingFrom = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('team') }),
    z.object({ kind: z.literal('agent'), agentId: z.uuid({ message: 'Choose an agent' }) }),
  ], { message: 'Choose who the greeting comes from' })
  .default({ kind: 'team' });

export const GreetingRule = z.object({
  /** Stable key of the rule for the frequency cap and the counts (set by the console editor). */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'The greeting needs a key of letters, digits and dashes'),
  name: z.string().trim().min(1, 'Give the greeting a name').max(80, 'Keep the name under 80 characters'),
  enabled: z.boolean().default(true),
  message: z.string().trim().min(1, 'Write the greeting message').max(500, 'Keep the greeting under 500 characters'),
  from: GreetingFrom,
  conditions: GreetingConditions.default(GreetingConditions.parse({})),
});
export type GreetingRule = z.infer<typeof GreetingRule>;

export const GreetingRules = z
  .array(GreetingRule)
  .max(20, 'At most 20 greetings')
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'Two greetings share the same key')
  .default([]);

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
