import type { Channel } from '../../db/schema';
import type { AssignmentMethod, AssignmentRule, DefaultRule, RoutingTarget, RuleConditions } from '../settings/schemas';

/** What routing knows about an incoming chat. */
export interface ChatContext {
  channel: Channel;
  entryUrl: string | null;
  vip: boolean;
  tags: string[];
  /** Agent or group passed by the embed code; "must" never overflows, "may" falls back to the rules. */
  designated: { target: Extract<RoutingTarget, { type: 'agent' | 'group' }>; mode: 'must' | 'may' } | null;
}

export interface PlanStep {
  target: RoutingTarget;
  method: AssignmentMethod;
}

/** The ordered targets to try for a chat, and where it waits if none has capacity. */
export interface RoutingPlan {
  ruleId: string | null;
  steps: PlanStep[];
  /** Minutes within which a returning customer goes back to their last agent (last_served). */
  lastServedMinutes: number | null;
  /** The queue the chat joins when every step is full: the first step's target. */
  queueTarget: RoutingTarget;
}

/** Glob with `*` wildcards, case-insensitive, matched against the whole URL. */
export function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 'i').test(value);
}

export function conditionsMatch(conditions: RuleConditions, chat: ChatContext): boolean {
  if (conditions.channels.length && !conditions.channels.includes(chat.channel)) return false;
  if (conditions.entryUrlPattern && !(chat.entryUrl && globMatches(conditions.entryUrlPattern, chat.entryUrl))) return false;
  if (conditions.vip === 'vip' && !chat.vip) return false;
  if (conditions.vip === 'not_vip' && chat.vip) return false;
  if (conditions.tags.length) {
    // Tags are matched case-insensitively (rule tags are typed in the console, chat tags come from the CRM and the embed).
    const have = new Set(chat.tags.map((t) => t.toLowerCase()));
    if (!conditions.tags.some((t) => have.has(t.toLowerCase()))) return false;
  }
  if (conditions.designated === 'yes' && !chat.designated) return false;
  if (conditions.designated === 'no' && chat.designated) return false;
  return true;
}

/** The first enabled rule whose conditions match, else the default rule. */
export function matchRule(rules: AssignmentRule[], defaultRule: DefaultRule, chat: ChatContext): AssignmentRule | (DefaultRule & { id: null }) {
  return rules.find((r) => r.enabled && conditionsMatch(r.conditions, chat)) ?? { ...defaultRule, id: null };
}

/**
 * Builds the routing plan: the designated target first (alone when "must"), then the matched rule's
 * target and its overflow chain (up to 4), duplicates removed.
 */
export function buildPlan(rules: AssignmentRule[], defaultRule: DefaultRule, chat: ChatContext): RoutingPlan {
  const rule = matchRule(rules, defaultRule, chat);
  const steps: PlanStep[] = [];
  if (chat.designated) steps.push({ target: chat.designated.target, method: rule.method === 'round_robin' ? 'round_robin' : 'saturation' });
  if (!chat.designated || chat.designated.mode === 'may') {
    for (const target of [rule.target, ...rule.overflow]) steps.push({ target, method: rule.method });
  }
  const seen = new Set<string>();
  const unique = steps.filter((s) => {
    const key = s.target.type === 'all' ? 'all' : `${s.target.type}:${s.target.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    ruleId: rule.id,
    steps: unique,
    lastServedMinutes: rule.method === 'last_served' ? rule.lastServedMinutes : null,
    queueTarget: unique[0].target,
  };
}
