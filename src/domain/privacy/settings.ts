import { z } from 'zod';

/**
 * Privacy settings of a workspace (settings section `privacy`): how long ended conversations and their
 * attachments are kept. null (the default): forever. Run by the worker (domain/privacy/retention.ts).
 */
export const PrivacySettings = z.object({
  retentionDays: z
    .number({ error: 'Enter a number of days' })
    .int('Enter a whole number of days')
    .min(1, 'Keep conversations at least 1 day')
    .max(3650, 'At most 3650 days (10 years)')
    .nullable()
    .default(null),
  /** Sneak peek (F17): the assigned agent sees what the visitor types before it is sent. Off by default; the widget says so when on. */
  sneakPeek: z.boolean().default(false),
});
export type PrivacySettingsValue = z.infer<typeof PrivacySettings>;
