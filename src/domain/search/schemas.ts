import { z } from 'zod';
import { IsoDay } from '../../lib/input';

const Day = IsoDay;

/** Filters of the conversation search (query string of GET /api/conversations/search). */
export const SearchFilters = z
  .object({
    q: z.string().trim().max(200, 'Search text is too long (200 characters max)').default(''),
    /** Who the chat was with: part of the visitor's or customer's name or email, or of a custom field value. */
    contact: z.string().trim().max(200, 'Contact is too long (200 characters max)').optional(),
    status: z.enum(['queued', 'active', 'unassigned', 'ended']).optional(),
    agentId: z.uuid().optional(),
    groupId: z.uuid().optional(),
    /** Conversations carrying this workspace tag. */
    tagId: z.uuid().optional(),
    channel: z.enum(['desktop', 'mobile', 'app']).optional(),
    /** A score (1-5), or whether the chat was rated at all. */
    rating: z.enum(['rated', 'unrated', '1', '2', '3', '4', '5']).optional(),
    from: Day.optional(),
    to: Day.optional(),
    page: z.coerce.number().int().min(1).max(200).default(1),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '"From" must not be after "to"', path: ['from'] });
export type SearchFilters = z.infer<typeof SearchFilters>;
