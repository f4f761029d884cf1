import { z } from 'zod';
import { Id } from './protocol';

/** `transcript.email` (issue 25): the visitor's ended chat to this address, or to their known email when absent. */
export const TranscriptEmailRequest = z.object({
  conversationId: Id,
  email: z.string().trim().max(254, { message: 'This email address is too long.' }).optional(),
});
