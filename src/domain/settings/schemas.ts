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

export const AssignmentSettings = z.object({
  /** Workspace default reception limit (max concurrent chats per agent). */
  defaultReceptionLimit: z.number().int().min(1).max(100).default(5),
});

export const QueueSettings = z.object({
  enabled: z.boolean().default(true),
  maxLength: z.number().int().min(1).max(10_000).default(50),
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
