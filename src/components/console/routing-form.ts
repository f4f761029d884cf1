/**
 * Form state <-> settings value for the Customer Assignment Strategy and Queue Settings pages. Pure code
 * (no React), unit-tested in tests/unit/routing-form.test.ts.
 *
 * Form state keeps what the user typed (numbers and the tag list as text, targets as one select value
 * "all" | "group:<id>" | "agent:<id>"); the settings value is what PUT /api/admin/settings/:section takes.
 * An empty or non-numeric number field becomes NaN (sent as null), so the server's zod error shows on it.
 */
import type { SettingsValue } from '../../domain/settings/schemas';
import type { AssignmentMethod, RoutingTarget, RuleConditions } from '../../domain/settings/schemas';

export type AssignmentValue = SettingsValue<'assignment'>;
export type QueueValue = SettingsValue<'queue'>;
export type Channel = RuleConditions['channels'][number];

export const CHANNELS: { value: Channel; label: string }[] = [
  { value: 'desktop', label: 'Desktop site' },
  { value: 'mobile', label: 'Mobile site' },
  { value: 'app', label: 'App' },
];

export const METHODS: { value: AssignmentMethod; label: string; help: string }[] = [
  { value: 'saturation', label: 'Saturation', help: 'The agent with the lowest load for their limit; ties go to the one idle longest.' },
  { value: 'round_robin', label: 'Round robin', help: 'Agents take turns, in a fixed rotation over those online with free capacity.' },
  {
    value: 'last_served',
    label: 'Last-served agent first',
    help: 'A customer returning within the set minutes goes back to their last agent if free; otherwise saturation.',
  },
];

export const MAX_OVERFLOW = 4;

// ------------------------------------------------------------------ targets

/** One select value per routing target: "all", "group:<id>" or "agent:<id>". */
export function targetKey(target: RoutingTarget): string {
  return target.type === 'all' ? 'all' : `${target.type}:${target.id}`;
}

export function parseTargetKey(key: string): RoutingTarget {
  const [type, ...rest] = key.split(':');
  const id = rest.join(':');
  if ((type === 'group' || type === 'agent') && id) return { type, id };
  return { type: 'all' };
}

export interface Named {
  id: string;
  name: string;
}

/** A readable name for a target key, e.g. "All agents", "Sales (group)", "Alice". */
export function targetLabel(key: string, agents: Named[], groups: Named[]): string {
  const t = parseTargetKey(key);
  if (t.type === 'all') return 'All agents';
  if (t.type === 'group') {
    const group = groups.find((g) => g.id === t.id);
    return group ? `${group.name} (group)` : 'Deleted group';
  }
  return agents.find((a) => a.id === t.id)?.name ?? 'Deleted agent';
}

// ------------------------------------------------------------------ assignment

export interface TargetingForm {
  target: string;
  method: AssignmentMethod;
  lastServedMinutes: string;
  overflow: string[];
}

export interface RuleForm extends TargetingForm {
  id: string;
  name: string;
  enabled: boolean;
  channels: Channel[];
  entryUrlPattern: string;
  vip: RuleConditions['vip'];
  /** Comma-separated, as typed. */
  tags: string;
  designated: RuleConditions['designated'];
}

export interface AssignmentForm {
  defaultReceptionLimit: string;
  rules: RuleForm[];
  defaultRule: TargetingForm;
  autoTransfer: { enabled: boolean; seconds: string };
}

export function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '';
}

/** "" and anything that is not a number become NaN (serialised as null, refused by the schema in place). */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** "vip, returning ,, vip" -> ["vip", "returning"]. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function toTargeting(v: { target: RoutingTarget; method: AssignmentMethod; lastServedMinutes: number; overflow: RoutingTarget[] }): TargetingForm {
  return { target: targetKey(v.target), method: v.method, lastServedMinutes: numberText(v.lastServedMinutes), overflow: v.overflow.map(targetKey) };
}

function fromTargeting(f: TargetingForm) {
  return { target: parseTargetKey(f.target), method: f.method, lastServedMinutes: parseNumber(f.lastServedMinutes), overflow: f.overflow.map(parseTargetKey) };
}

export function toAssignmentForm(v: AssignmentValue): AssignmentForm {
  return {
    defaultReceptionLimit: numberText(v.defaultReceptionLimit),
    rules: v.rules.map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      channels: [...r.conditions.channels],
      entryUrlPattern: r.conditions.entryUrlPattern,
      vip: r.conditions.vip,
      tags: r.conditions.tags.join(', '),
      designated: r.conditions.designated,
      ...toTargeting(r),
    })),
    defaultRule: toTargeting(v.defaultRule),
    autoTransfer: { enabled: v.autoTransfer.enabled, seconds: numberText(v.autoTransfer.seconds) },
  };
}

export function fromAssignmentForm(f: AssignmentForm): AssignmentValue {
  return {
    defaultReceptionLimit: parseNumber(f.defaultReceptionLimit),
    rules: f.rules.map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      conditions: {
        // Keep the canonical order whatever order the boxes were ticked in.
        channels: CHANNELS.map((c) => c.value).filter((c) => r.channels.includes(c)),
        entryUrlPattern: r.entryUrlPattern,
        vip: r.vip,
        tags: parseTags(r.tags),
        designated: r.designated,
      },
      ...fromTargeting(r),
    })),
    defaultRule: fromTargeting(f.defaultRule),
    autoTransfer: { enabled: f.autoTransfer.enabled, seconds: parseNumber(f.autoTransfer.seconds) },
  };
}

/** A short random rule id (8 hex characters), unique among `taken`. */
export function newRuleId(taken: Iterable<string>, random: () => string = defaultRandomId): string {
  const used = new Set(taken);
  for (;;) {
    const id = random().slice(0, 8);
    if (id && !used.has(id)) return id;
  }
}

function defaultRandomId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID().replaceAll('-', '');
  return Math.random().toString(16).slice(2).padEnd(8, '0');
}

export function newRule(existing: RuleForm[], random?: () => string): RuleForm {
  let n = existing.length + 1;
  const names = new Set(existing.map((r) => r.name));
  while (names.has(`Rule ${n}`)) n += 1;
  return {
    id: newRuleId(
      existing.map((r) => r.id),
      random,
    ),
    name: `Rule ${n}`,
    enabled: true,
    channels: [],
    entryUrlPattern: '',
    vip: 'any',
    tags: '',
    designated: 'any',
    target: 'all',
    method: 'saturation',
    lastServedMinutes: '60',
    overflow: [],
  };
}

/** A copy of `items` with the item at `index` moved by `delta` (-1 up, +1 down); out of range = unchanged. */
export function move<T>(items: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/** One-line description of a rule's conditions, e.g. "Desktop site, App · page /pricing* · VIP". */
export function describeConditions(r: RuleForm): string {
  const parts: string[] = [];
  if (r.channels.length) parts.push(CHANNELS.filter((c) => r.channels.includes(c.value)).map((c) => c.label).join(', '));
  if (r.entryUrlPattern.trim()) parts.push(`page ${r.entryUrlPattern.trim()}`);
  if (r.vip !== 'any') parts.push(r.vip === 'vip' ? 'VIP' : 'not VIP');
  const tags = parseTags(r.tags);
  if (tags.length) parts.push(`tagged ${tags.join(' or ')}`);
  if (r.designated !== 'any') parts.push(r.designated === 'yes' ? 'designated by embed code' : 'not designated');
  return parts.length ? parts.join(' · ') : 'Every chat';
}

// ------------------------------------------------------------------ errors

/**
 * The first error at `path` or below it (e.g. "rules.0.conditions.tags" also takes
 * "rules.0.conditions.tags.2"), with zod's wording for a missing number made readable.
 */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === path || k.startsWith(`${path}.`));
  return key === undefined ? undefined : readableError(errors[key]);
}

export function hasErrorsUnder(errors: Record<string, string>, path: string): boolean {
  return errorAt(errors, path) !== undefined;
}

export function readableError(message: string): string {
  if (/expected number, received (null|NaN|undefined)/i.test(message)) return 'Enter a whole number.';
  return message;
}

// ------------------------------------------------------------------ queue
