import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Channel } from '../../db/schema';
import { IsoDay } from '../../lib/input';
import type { FormField } from './form';

/** The submissions' (F5 "leave a message") shapes: what the inbox, the widget and the API exchange. */
export const SUBMISSION_TRIGGERS = ['queue_full', 'queue_timeout', 'outside_working_hours', 'no_agent_online'] as const;
export type SubmissionTrigger = (typeof SUBMISSION_TRIGGERS)[number];

/** What the widget needs to render the designed form. */
export interface SubmissionOffer {
  trigger: SubmissionTrigger;
  conversationId: string | null;
  title: string;
  intro: string;
  fields: FormField[];
}

export interface SubmissionMessageDto {
  id: number;
  authorType: 'visitor' | 'agent';
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** Called inside a reply's transaction, so what it writes (the visitor's email) commits with the reply. */
export type SubmissionReplyHook = (
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  reply: { workspaceId: string; submission: SubmissionDto; messageId: string; body: string },
) => Promise<void>;

export interface SubmissionDto {
  id: string;
  number: number;
  visitorId: string;
  conversationId: string | null;
  channel: Channel;
  trigger: string;
  mode: string;
  fields: Record<string, string>;
  status: 'open' | 'in_progress' | 'closed';
  assigneeId: string | null;
  assigneeName: string | null;
  /** The skill group it is for (F15: its agents are emailed); null = the whole team. */
  groupId: string | null;
  groupName: string | null;
  createdAt: string;
  updatedAt: string;
  messages?: SubmissionMessageDto[];
}

export const InboxFilters = z.object({
  status: z.enum(['open', 'in_progress', 'closed']).optional(),
  channel: z.enum(['desktop', 'mobile', 'app']).optional(),
  assigneeId: z.union([z.uuid(), z.literal('none')]).optional(),
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type InboxFilters = z.infer<typeof InboxFilters>;

/** The domain events of submissions (part of the chat's event seam, domain/chat/events.ts). */
export interface SubmissionEventMap {
  'submission.created': { workspaceId: string; submission: { id: string; number: number; channel: string; createdAt: string; groupId: string | null } };
  'submission.replied': { workspaceId: string; visitorId: string; submissionId: string; message: SubmissionMessageDto };
}
/** The publishing port the submission use cases see (the chat's `ChatEvents` in every process). */
export interface SubmissionEventPublisher {
  publish<T extends keyof SubmissionEventMap>(type: T, event: SubmissionEventMap[T]): Promise<void>;
}

/** A reply or follow-up in a submission's thread. */
export const SubmissionText = z.string().trim().min(1, 'Write a message').max(5000);
/** An inbox change: status and/or assignee. */
export const SubmissionChange = z
  .object({ status: z.enum(['open', 'in_progress', 'closed']).optional(), assigneeId: z.uuid().nullable().optional() })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, 'Nothing to change');
export type SubmissionChange = z.infer<typeof SubmissionChange>;