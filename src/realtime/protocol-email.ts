import { z } from 'zod';
import { matchLanguage } from '../widget/i18n';
import { Id } from './protocol';

/** `transcript.email` (issue 25): the visitor's ended chat to this address, or to their known email when absent. */
export const TranscriptEmailRequest = z.object({
  conversationId: Id,
  email: z.string().trim().max(254, { message: 'This email address is too long.' }).optional(),
});

/** `conversation.seen` (issue 25): the newest message the visitor has seen in the widget (agent messages up to it are not emailed). */
export const ConversationSeen = z.object({ conversationId: Id, seq: z.number().int().nonnegative().max(2_147_483_647) });

/** A widget language the site chose (embed `data-lang`, `LiveChat('setLanguage')`): one the widget speaks, as a code. */
export const ChosenLanguage = z
  .string()
  .max(35)
  .transform((tag, ctx) => matchLanguage(tag) ?? (ctx.addIssue({ code: 'custom', message: 'Unknown language' }), z.NEVER));

/** `visitor.language` (issue 25): the site switched the widget's language; visitor emails use it. */
export const VisitorLanguage = z.object({ lang: ChosenLanguage });
