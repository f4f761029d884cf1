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

