import { z } from 'zod';

/**
 * Settings sections of issue 5: customer info auto-save (F2), satisfaction (F8) and end of chat (F9).
 * Re-exported by schemas.ts; stored values are re-parsed on load, so every field has a default.
 */

// ------------------------------------------------------------------------------------------ F2 auto-save

export const AutoSaveSettings = z.object({
  /** Save visitors whose embed code carries `partnerid` to the CRM (customers). */
  enabled: z.boolean().default(false),
  /**
   * off: partnerid is trusted as given. optional: `partnerid_hash` is checked and the customer marked
   * verified or not. mandatory: a partnerid without a valid hash is refused at the handshake
   * (`identity_unverified`); visitors without partnerid may still chat anonymously (nothing is saved).
   */
  verification: z.enum(['off', 'optional', 'mandatory']).default('off'),
});
export type AutoSaveSettings = z.infer<typeof AutoSaveSettings>;

// ------------------------------------------------------------------------------------------ F8 satisfaction

const Tag = z.string().trim().min(1, 'Tags cannot be empty').max(40, 'Tags are at most 40 characters');

export const RatingLevel = z.object({
  /** 1 = worst … scale = best. */
  score: z.number().int().min(1).max(5),
  label: z.string().trim().min(1, 'Give every score a label').max(40),
  /** Tags the visitor may pick with this score (e.g. "Quick", "Friendly"). */
  tags: z.array(Tag).max(10, 'At most 10 tags per score').default([]),
});
export type RatingLevel = z.infer<typeof RatingLevel>;

export const RATING_SCALES = [2, 3, 5] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

const DEFAULT_LABELS: Record<RatingScale, string[]> = {
  2: ['Bad', 'Good'],
  3: ['Unsatisfied', 'Neutral', 'Satisfied'],
  5: ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'],
};
const DEFAULT_TAGS: Record<RatingScale, string[][]> = {
  2: [['Slow', 'Unhelpful'], ['Quick', 'Helpful', 'Friendly']],
  3: [['Slow', 'Unhelpful'], ['Okay'], ['Quick', 'Helpful', 'Friendly']],
  5: [['Slow', 'Unhelpful', 'Rude'], ['Slow', 'Unclear'], ['Okay'], ['Helpful', 'Quick'], ['Helpful', 'Quick', 'Friendly']],
};

/** The default levels of a scale (the console offers them when the scale changes). */
export function defaultLevels(scale: RatingScale): RatingLevel[] {
  return DEFAULT_LABELS[scale].map((label, i) => ({ score: i + 1, label, tags: DEFAULT_TAGS[scale][i] }));
}

export const RatingScheme = z
  .object({
    scale: z.union([z.literal(2), z.literal(3), z.literal(5)]).default(5),
    question: z.string().trim().min(1, 'Enter the question').max(200).default('How would you rate this chat?'),
    /** One entry per score, 1 … scale. */
    levels: z.array(RatingLevel).min(2).max(5).default(defaultLevels(5)),
    commentEnabled: z.boolean().default(true),
    /** Ask "Was your problem solved?" (yes/no). */
    solvedEnabled: z.boolean().default(false),
    thanks: z.string().trim().min(1).max(200).default('Thank you for your feedback!'),
  })
  .superRefine((s, ctx) => {
    if (s.levels.length !== s.scale) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: `A ${s.scale}-point scale needs exactly ${s.scale} labelled scores` });
      return;
    }
    s.levels.forEach((l, i) => {
      if (l.score !== i + 1) ctx.addIssue({ code: 'custom', path: ['levels', i, 'score'], message: `Score ${i + 1} expected here` });
    });
  });
export type RatingScheme = z.infer<typeof RatingScheme>;

export const SatisfactionSettings = z.object({
  /** On for a workspace that never saved this section (issue 21); a saved `enabled: false` stays off. */
  enabled: z.boolean().default(true),
  /** Invite automatically when a chat ends (by anyone). */
  inviteOnEnd: z.boolean().default(true),
  /** Agents may send an invitation during the chat. */
  agentMayInvite: z.boolean().default(true),
  /** The visitor may rate without an invitation ("Rate this chat" link in the widget). */
  visitorMayRateUnprompted: z.boolean().default(true),
  /** Invitations per conversation (automatic and by the agent together). */
  maxInvitations: z.number().int().min(1).max(10).default(2),
  /** A later rating of the same chat replaces the earlier one; otherwise the first rating stands. */
  allowOverwrite: z.boolean().default(true),
  /** Agents may see ratings (their own results, the customer panel). Admins and supervisors always can. */
  agentsSeeResults: z.boolean().default(false),
  /** Global default scheme. */
  scheme: RatingScheme.default(RatingScheme.parse({})),
  /** Per skill group overrides (group id -> scheme), used for chats routed through that group. */
  groupSchemes: z.record(z.uuid(), RatingScheme).default({}),
});
export type SatisfactionSettings = z.infer<typeof SatisfactionSettings>;

// ------------------------------------------------------------------------------------------ F9 end of chat

/**
 * Minutes may be fractional (0.5 = 30 s; tests use e.g. 0.02 ≈ 1.2 s). Lower bound 0.01 min (0.6 s).
 */
const Minutes = z.number().min(0.01, 'At least 0.01 minutes').max(1440, 'At most 1440 minutes (one day)');
const Prompt = z.string().trim().min(1, 'Enter the text shown to the visitor').max(500);

export const ChannelEndOfChat = z.object({
  /** Shown to the visitor when the chat ends (empty = no prompt). */
  chatEndedPrompt: z.string().trim().max(500).default('The chat has ended. Thank you for contacting us!'),
  /** Prompt the visitor when no agent has replied within N minutes of the visitor's last message. */
  agentReplyTimeout: z
    .object({
      enabled: z.boolean().default(false),
      minutes: Minutes.default(3),
      prompt: Prompt.default('Sorry for the wait — an agent will be with you shortly.'),
    })
    .default({ enabled: false, minutes: 3, prompt: 'Sorry for the wait — an agent will be with you shortly.' }),
  /**
   * Visitor inactivity: when the visitor has not answered the agent for `warnAfterMinutes`, warn; if they
   * still do not write within `endAfterMinutes` after the warning, end the chat with `endPrompt`.
   */
  inactivity: z
    .object({
      enabled: z.boolean().default(false),
      warnAfterMinutes: Minutes.default(5),
      warningPrompt: Prompt.default('Are you still there? This chat will close soon if we do not hear from you.'),
      endAfterMinutes: Minutes.default(5),
      endPrompt: Prompt.default('The chat was closed because we did not hear from you (customer timed out / offline).'),
    })
    .default({
      enabled: false,
      warnAfterMinutes: 5,
      warningPrompt: 'Are you still there? This chat will close soon if we do not hear from you.',
      endAfterMinutes: 5,
      endPrompt: 'The chat was closed because we did not hear from you (customer timed out / offline).',
    }),
});
export type ChannelEndOfChat = z.infer<typeof ChannelEndOfChat>;

export const EndOfChatSettings = ChannelEndOfChat.extend({
  /** F15: email the transcript to the visitor when a chat ends, if their email is known (pre-chat form, identify, CRM). */
  emailTranscript: z.boolean().default(false),
  /**
   * F15: agent messages the visitor has not seen in the widget for `minutes` are emailed to the visitor's
   * known email (one email with all of them). On by default: a visitor who left the page still gets the answer.
   */
  emailUnseenReplies: z
    .object({ enabled: z.boolean().default(true), minutes: Minutes.default(10) })
    .default({ enabled: true, minutes: 10 }),
  /** Per channel overrides of the global default above; a channel not listed uses the default. */
  channels: z
    .object({ desktop: ChannelEndOfChat.optional(), mobile: ChannelEndOfChat.optional(), app: ChannelEndOfChat.optional() })
    .default({}),
});
export type EndOfChatSettings = z.infer<typeof EndOfChatSettings>;

/** The effective end-of-chat settings of a channel (its override, else the global default). */
export function endOfChatFor(settings: EndOfChatSettings, channel: 'desktop' | 'mobile' | 'app'): ChannelEndOfChat {
  const { channels, ...global } = settings;
  return channels[channel] ?? global;
}
