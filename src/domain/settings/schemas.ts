import { z } from 'zod';

/**
 * One zod schema per Chat Settings section. Each schema accepts a partial/legacy stored value and fills
 * defaults, so adding a field never breaks stored settings.
 */

export const ModeSettings = z.object({
  /** realtime: needs an online agent (queue/submission otherwise); always_on: visitors can always write. */
  mode: z.enum(['realtime', 'always_on']).default('realtime'),
  /** Shown in real-time mode when no agent can take the chat and neither queue nor submission applies. */
  noAgentNotice: z.string().trim().min(1).max(500).default('Sorry, no agent is available right now. Please try again later.'),
  alwaysOn: z
    .object({
      assignTo: z.enum(['all_agents', 'online_agents']).default('online_agents'),
      unassignedOrder: z.enum(['oldest', 'vip', 'newest']).default('oldest'),
    })
    .default({ assignTo: 'online_agents', unassignedOrder: 'oldest' }),
});

export const AutoSaveSettings = z.object({
  enabled: z.boolean().default(false),
  verification: z.enum(['off', 'optional', 'mandatory']).default('off'),
});

/** Where a chat can be routed: any agent, a skill group, one agent, or the one the embed code designates. */
export const RoutingTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('group'), id: z.uuid() }),
  z.object({ type: z.literal('agent'), id: z.uuid() }),
]);
export type RoutingTarget = z.infer<typeof RoutingTarget>;

export const AssignmentMethod = z.enum(['saturation', 'round_robin', 'last_served']);
export type AssignmentMethod = z.infer<typeof AssignmentMethod>;

export const RuleConditions = z.object({
  /** Empty = any channel. */
  channels: z.array(z.enum(['desktop', 'mobile', 'app'])).max(3).default([]),
  /** Glob on the entry page URL (`*` = any characters), case-insensitive; empty = any page. */
  entryUrlPattern: z.string().trim().max(500).default(''),
  vip: z.enum(['any', 'vip', 'not_vip']).default('any'),
  /** Visitor has at least one of these tags; empty = no tag condition. */
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  /** Whether the embed code designated an agent or group. */
  designated: z.enum(['any', 'yes', 'no']).default('any'),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

const RuleTargeting = {
  target: RoutingTarget,
  method: AssignmentMethod.default('saturation'),
  /** For last_served: a returning customer within this many minutes goes to the agent who served them. */
  lastServedMinutes: z.number().int().min(1).max(10_080).default(60),
  /** Tried in order when the target has no online agent, all are at their limit, or it is off-hours. */
  overflow: z.array(RoutingTarget).max(4, 'At most 4 overflow targets').default([]),
};

export const AssignmentRule = z.object({
  id: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1, 'Give the rule a name').max(80),
  enabled: z.boolean().default(true),
  conditions: RuleConditions.default(RuleConditions.parse({})),
  ...RuleTargeting,
});
export type AssignmentRule = z.infer<typeof AssignmentRule>;

export const DefaultRule = z.object({ ...RuleTargeting, target: RoutingTarget.default({ type: 'all' }) });
export type DefaultRule = z.infer<typeof DefaultRule>;

export const AssignmentSettings = z.object({
  /** Workspace default reception limit (max concurrent chats per agent). */
  defaultReceptionLimit: z.number().int().min(1).max(100).default(5),
  /** Evaluated top to bottom; the first enabled rule whose conditions match decides. */
  rules: z.array(AssignmentRule).max(50).default([]),
  /** Always exists: used when no rule matches. */
  defaultRule: DefaultRule.default(DefaultRule.parse({})),
  /** Re-route a chat whose agent has not replied within `seconds` (never back to an agent already tried). */
  autoTransfer: z
    .object({ enabled: z.boolean().default(false), seconds: z.number().int().min(10).max(3600).default(60) })
    .default({ enabled: false, seconds: 60 }),
});

const QueueText = z.string().trim().min(1).max(500);

export const QueueSettings = z.object({
  enabled: z.boolean().default(true),
  /** Max chats waiting in the whole workspace. */
  maxLength: z.number().int().min(1).max(10_000).default(50),
  /** Per skill group max queue length (group id -> length); groups not listed use only the global max. */
  groupMaxLength: z.record(z.uuid(), z.number().int().min(1).max(10_000)).default({}),
  /** VIP visitors go ahead of everyone else; otherwise first in, first out. */
  vipPriority: z.boolean().default(true),
  /** Placeholders: {position} (1-based) and {wait} (estimated, e.g. "about 4 min"). */
  enterMessage: QueueText.default('All our agents are busy. You are number {position} in the queue; estimated wait {wait}.'),
  updateMessage: QueueText.default('You are now number {position} in the queue; estimated wait {wait}.'),
  fullMessage: QueueText.default('Our queue is full right now. Please try again in a few minutes.'),
  /** Minutes a chat may wait; 0 = no timeout. Fractions allowed (0.5 = 30 s). */
  timeoutMinutes: z.number().min(0).max(1440).default(10),
  timeoutAction: z.enum(['offer_submission', 'end']).default('end'),
  timeoutMessage: QueueText.default('Sorry for the long wait. Our agents are still busy; please leave us a message or try again later.'),
});

export const SubmissionSettings = z.object({
  enabled: z.boolean().default(false),
});

export const SensitiveWordsSettings = z.object({
  customerAction: z.enum(['mask', 'block', 'alert']).default('mask'),
  agentAction: z.enum(['mask', 'block', 'alert']).default('mask'),
});

export const SatisfactionSettings = z.object({
  enabled: z.boolean().default(false),
});

export const EndOfChatSettings = z.object({
  chatEndedPrompt: z.string().trim().max(500).default('The chat has ended. Thank you for contacting us!'),
});

export const WebhookSettings = z.object({
  offlineMessages: z.object({ enabled: z.boolean().default(false), url: z.string().url().or(z.literal('')).default('') }).default({ enabled: false, url: '' }),
  events: z.object({ enabled: z.boolean().default(false), url: z.string().url().or(z.literal('')).default('') }).default({ enabled: false, url: '' }),
});

export const SETTINGS_SCHEMAS = {
  mode: ModeSettings,
  autoSave: AutoSaveSettings,
  assignment: AssignmentSettings,
  queue: QueueSettings,
  submission: SubmissionSettings,
  sensitiveWords: SensitiveWordsSettings,
  satisfaction: SatisfactionSettings,
  endOfChat: EndOfChatSettings,
  webhook: WebhookSettings,
} as const;

export type SettingsSection = keyof typeof SETTINGS_SCHEMAS;
export type SettingsValue<S extends SettingsSection> = z.infer<(typeof SETTINGS_SCHEMAS)[S]>;
export const SETTINGS_SECTIONS = Object.keys(SETTINGS_SCHEMAS) as SettingsSection[];
export const SettingsSectionSchema = z.enum(SETTINGS_SECTIONS as [SettingsSection, ...SettingsSection[]]);

export function defaultSettings<S extends SettingsSection>(section: S): SettingsValue<S> {
  return SETTINGS_SCHEMAS[section].parse({}) as SettingsValue<S>;
}
