import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/catalog';
import { WorkingHoursSettings } from './schemas-hours';

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

// Customer info auto-save (F2), satisfaction (F8) and end of chat (F9) live in their own module.
import { AutoSaveSettings, EndOfChatSettings, SatisfactionSettings } from './schemas-service';
export { AutoSaveSettings, EndOfChatSettings, SatisfactionSettings };
// Console > Widget (issue 14) lives in its own module.
import { WidgetSettings } from './schemas-widget';
import { PrivacySettings } from '../privacy/settings';
export { WidgetSettings };

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
  /**
   * A waiting chat (queue, or an always-on pool chat the visitor has not written in yet) whose visitor has
   * been disconnected this long leaves as abandoned instead of taking an agent's slot; 0 = never.
   */
  abandonAfterSeconds: z.number().int().min(0, 'At least 0 seconds').max(3600, 'At most 3600 seconds (one hour)').default(120),
  timeoutMessage: QueueText.default('Sorry for the long wait. Our agents are still busy; please leave us a message or try again later.'),
});

const FieldLabel = z.string().trim().min(1, 'Enter a label').max(80);

/** Built-in submission fields: shown or hidden, required or optional, with an editable label. */
const BuiltInField = (label: string, enabled: boolean, required: boolean) =>
  z.object({ enabled: z.boolean().default(enabled), required: z.boolean().default(required), label: FieldLabel.default(label) }).default({ enabled, required, label });

export const CustomField = z
  .object({
    id: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, 'Use 1-40 lowercase letters, digits, - or _'),
    type: z.enum(['text', 'textarea', 'select']),
    label: FieldLabel,
    required: z.boolean().default(false),
    /** Choices of a select field. */
    options: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    minLength: z.number().int().min(0).max(5000).optional(),
    maxLength: z.number().int().min(1).max(5000).optional(),
    /** Optional regular expression the (text) value must match, with the message shown when it does not. */
    pattern: z
      .string()
      .max(200)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'Not a valid regular expression')
      .optional(),
    patternMessage: z.string().trim().max(200).optional(),
  })
  .refine((f) => f.type !== 'select' || f.options.length > 0, { message: 'A select field needs at least one option', path: ['options'] })
  .refine((f) => f.minLength === undefined || f.maxLength === undefined || f.minLength <= f.maxLength, { message: 'Minimum length is above the maximum', path: ['minLength'] });
export type CustomField = z.infer<typeof CustomField>;

export const SubmissionForm = z.object({
  title: z.string().trim().min(1).max(100).default('Leave us a message'),
  intro: z.string().trim().max(500).default('We are not available right now. Leave a message and we will get back to you.'),
  name: BuiltInField('Name', true, false),
  email: BuiltInField('Email', true, true),
  phone: BuiltInField('Phone', false, false),
  content: BuiltInField('Message', true, true),
  custom: z
    .array(CustomField)
    .max(20)
    .default([])
    .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, 'Custom field ids must be unique'),
});
export type SubmissionForm = z.infer<typeof SubmissionForm>;

/** Submission (leave a message): real-time mode only. */
export const SubmissionSettings = z.object({
  /**
   * On for a workspace that never saved this section (issue 21): a new workspace with nobody online or outside
   * working hours offers the form instead of queueing visitors nobody will answer. Saved values keep theirs.
   */
  enabled: z.boolean().default(true),
  /** When the form is offered instead of (or after) waiting. */
  offerWhen: z
    .object({
      queueFull: z.boolean().default(true),
      queueTimeout: z.boolean().default(true),
      outsideWorkingHours: z.boolean().default(true),
      noAgentOnline: z.boolean().default(true),
    })
    .default({ queueFull: true, queueTimeout: true, outsideWorkingHours: true, noAgentOnline: true }),
  channels: z
    .object({ desktop: z.boolean().default(true), mobile: z.boolean().default(true), app: z.boolean().default(true) })
    .default({ desktop: true, mobile: true, app: true }),
  /** offline_message: a message for agents; ticket: tracked with a reference number. */
  mode: z.enum(['offline_message', 'ticket']).default('offline_message'),
  /** May the visitor add to a submission after sending it. */
  allowFollowUp: z.boolean().default(true),
  form: SubmissionForm.default(SubmissionForm.parse({})),
});

export { TimeRange, WEEKDAYS, WeeklySchedule, WorkingHoursSettings, type Weekday } from './schemas-hours';

/** Sensitive words (F6): the word lists live in the sensitive_words table; these are the per-list actions. */
export const SensitiveWordsSettings = z.object({
  /** mask: delivered with the word replaced by *; block: not delivered, the sender is told; alert: delivered, raised to monitoring. */
  customerAction: z.enum(['mask', 'block', 'alert']).default('mask'),
  agentAction: z.enum(['mask', 'block', 'alert']).default('mask'),
  /** Words starting/ending with a letter of a spaced script (Latin, Cyrillic, …) match whole words only ("ass" never hits "class"). */
  wholeWords: z.boolean().default(true),
});

/** Chat monitoring (F7) alert thresholds. */
export const MonitoringSettings = z.object({
  /** Alert when a chat has waited in the queue this long; 0 = off. */
  longWaitSeconds: z.number().int().min(0).max(86_400).default(120),
  /** Alert when an agent has not replied within the auto-transfer time. */
  replyTimeoutAlerts: z.boolean().default(true),
});


/** A webhook target: http(s) only (addresses are checked after DNS resolution by the webhook API). */
const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u), 'Enter an http:// or https:// URL')
  .default('');
const requireUrlWhenEnabled = (e: { enabled: boolean; url: string }) => !e.enabled || e.url !== '';
const WebhookTarget = z
  .object({ enabled: z.boolean().default(false), url: WebhookUrl })
  .refine(requireUrlWhenEnabled, { message: 'Enter the receiving address', path: ['url'] });

/**
 * F10. Three endpoints: offline messages, live-chat events, and push notifications of chosen event types
 * (`src/domain/webhooks/catalog.ts`). Secrets and endpoint health live in `webhook_endpoints`, not here.
 */
export const WebhookSettings = z.object({
  offlineMessages: WebhookTarget.default({ enabled: false, url: '' }),
  events: WebhookTarget.default({ enabled: false, url: '' }),
  push: z
    .object({ enabled: z.boolean().default(false), url: WebhookUrl, eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).default([]) })
    .refine(requireUrlWhenEnabled, { message: 'Enter the receiving address', path: ['url'] })
    .refine((p) => !p.enabled || p.eventTypes.length > 0, { message: 'Choose at least one event type', path: ['eventTypes'] })
    .default({ enabled: false, url: '', eventTypes: [] }),
  delivery: z
    .object({
      /** Per-attempt timeout. */
      timeoutSeconds: z.number().int().min(1).max(30).default(10),
      /** An endpoint failing without a single success for this long is disabled. */
      autoDisableAfterMinutes: z.number().int().min(1).max(10_080).default(1440),
      /** Concurrent requests per endpoint (a slow receiver cannot take every worker). */
      maxConcurrency: z.number().int().min(1).max(100).default(10),
      /**
       * Events per request. 1: one JSON envelope per POST. Above 1 (the receiver must accept it): every POST
       * carries a JSON array of up to this many envelopes, in event order (docs/webhooks in protocol.md).
       */
      batchMax: z.number().int().min(1).max(500).default(1),
    })
    .default({ timeoutSeconds: 10, autoDisableAfterMinutes: 1440, maxConcurrency: 10, batchMax: 1 }),
});

/** Attachments (F11): whether each side may send files. Type allow-list and size limit are deployment config (env). */
export const AttachmentSettings = z.object({
  visitor: z.boolean().default(true),
  agent: z.boolean().default(true),
});

export const SETTINGS_SCHEMAS = {
  mode: ModeSettings,
  autoSave: AutoSaveSettings,
  assignment: AssignmentSettings,
  queue: QueueSettings,
  submission: SubmissionSettings,
  sensitiveWords: SensitiveWordsSettings,
  monitoring: MonitoringSettings,
  satisfaction: SatisfactionSettings,
  endOfChat: EndOfChatSettings,
  webhook: WebhookSettings,
  workingHours: WorkingHoursSettings,
  widget: WidgetSettings,
  attachments: AttachmentSettings,
  privacy: PrivacySettings,
} as const;

export type SettingsSection = keyof typeof SETTINGS_SCHEMAS;
export type SettingsValue<S extends SettingsSection> = z.infer<(typeof SETTINGS_SCHEMAS)[S]>;
/** What a save accepts: the section's schema input (defaults filled in, values normalised by the save). */
export type SettingsInput<S extends SettingsSection> = z.input<(typeof SETTINGS_SCHEMAS)[S]>;
export const SETTINGS_SECTIONS = Object.keys(SETTINGS_SCHEMAS) as SettingsSection[];
export const SettingsSectionSchema = z.enum(SETTINGS_SECTIONS as [SettingsSection, ...SettingsSection[]]);

export function defaultSettings<S extends SettingsSection>(section: S): SettingsValue<S> {
  return SETTINGS_SCHEMAS[section].parse({}) as SettingsValue<S>;
}
