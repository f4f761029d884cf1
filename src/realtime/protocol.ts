import { z } from 'zod';
import { SubmissionText } from '../domain/submissions/service';
import { PrechatInput } from '../domain/widget/prechat';

/**
 * Socket payload schemas, all in one place: the contract (realtime/contract.ts) names one per client ->
 * server event, and every event is parsed with it before anything happens. docs/protocol.md documents them.
 */

/** The one id schema of the socket protocol. */
export const Id = z.uuid();
const ClientMsgId = z.string().trim().min(1).max(64);
const Body = z.string().trim().min(1, 'Message is empty').max(5000, 'Message is too long (5000 characters max)');

/** Text without NUL (PostgreSQL refuses it). Event payloads are checked for NUL as a whole in realtime/handler.ts. */
const Text = z.string().regex(/^[^\u0000]*$/, 'Text may not contain NUL characters');

export const VisitorAuth = z.object({
  widgetKey: Text.min(1).max(100),
  token: Text.max(2000).optional(),
  name: Text.trim().max(100).optional(),
  /**
   * What the widget already holds (issue 27): its chat and the last `seq` it has without a gap. The
   * `session` then carries only the messages after it. Malformed values are ignored (full history).
   */
  conversationId: Id.optional().catch(undefined),
  lastSeq: z.number().int().min(0).max(2_147_483_647).optional().catch(undefined),
});

export const StaffAuth = z.object({ token: z.string().min(1).max(2000) });

export const ChatStart = z.object({
  channel: z.enum(['desktop', 'mobile', 'app']).default('desktop'),
  entryUrl: z.string().url().max(2000).optional(),
  /** Agent or group designated by the embed code (data-agent / data-group, data-designation). */
  designated: z
    .object({ type: z.enum(['agent', 'group']), id: Id, mode: z.enum(['must', 'may']).default('may') })
    .optional(),
  /** Conversation tags by name (embed `data-tags`); names that are not tags of the workspace are ignored. */
  tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  /** Pre-chat form answers (issue 14); checked against the workspace's form by src/domain/widget/prechat.ts. */
  prechat: PrechatInput.optional(),
});

/** A message: text, or files uploaded beforehand (POST /api/attachments) with an optional caption. */
export const MessageSend = z
  .object({
    conversationId: Id,
    clientMsgId: ClientMsgId,
    body: z.string().trim().max(5000, 'Message is too long (5000 characters max)').default(''),
    attachmentIds: z.array(Id).max(10, 'At most 10 files per message').optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: 'Message is empty', path: ['body'] });
export const Typing = z.object({ conversationId: Id, typing: z.boolean() });
export const ConversationRef = z.object({ conversationId: Id });
export const History = z.object({
  conversationId: Id,
  afterSeq: z.number().int().nonnegative().optional(),
  beforeSeq: z.number().int().positive().optional(),
});
export const Transfer = z.object({
  conversationId: Id,
  to: z.object({ type: z.enum(['agent', 'group']), id: Id }),
});
/** Field values keyed like the designed form: name, email, phone, content, custom.<id>. Validated against the form. */
export const SubmissionCreate = z.object({
  fields: z
    .record(z.string().max(100), z.string().max(10_000))
    .refine((f) => Object.keys(f).length <= 40, 'Too many fields')
    .refine((f) => Object.values(f).reduce((n, v) => n + v.length, 0) <= 20_000, 'The message is too long (20,000 characters in all)'),
});
export const SubmissionAppend = z.object({ submissionId: Id, body: SubmissionText });
export const StatusSet = z.object({ status: z.enum(['online', 'busy', 'offline']) });
export const Empty = z.object({}).default({});

export type ChatStart = z.infer<typeof ChatStart>;
export type MessageSend = z.infer<typeof MessageSend>;

export interface AckError {
  ok: false;
  error: { code: string; message: string; details?: unknown };
}
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

// ---------------------------------------------------------------- /monitor (F7)
export const WhisperSend = z.object({ conversationId: Id, body: Body });
export const MonitorEnd = z.object({ conversationId: Id });

// ---------------------------------------------------------------- reconnect catch-up (issue 12), /visitor and /agent
/** At most this many conversations per `sync` (an agent's open chats; a visitor has one). */
const MAX_SYNC_CONVERSATIONS = 50;
export const Sync = z.object({
  conversations: z.array(z.object({ conversationId: Id, afterSeq: z.number().int().nonnegative() })).max(MAX_SYNC_CONVERSATIONS),
});

// ---------------------------------------------------------------- ratings and customer panel (F8, F2)
export const RatingRef = z.object({ conversationId: Id });
export const RatingSubmit = z.object({
  conversationId: Id,
  score: z.number().int().min(1).max(5),
  tags: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  comment: z.string().trim().max(1000).optional(),
  solved: z.boolean().optional(),
});

// ---------------------------------------------------------------- agent tools (issue 15)
const NoteBody = z.string().trim().min(1, 'The note is empty').max(5000, 'Notes are at most 5000 characters');
export const NoteAdd = z.object({ conversationId: Id, body: NoteBody, mentions: z.array(Id).max(20).default([]) });
export const CannedSave = z.object({ id: Id.optional(), shortcut: z.string(), body: z.string(), groupId: Id.nullable().optional() });
export const IdRef = z.object({ id: Id });
export const CannedRender = z.object({ conversationId: Id, id: Id });
export const TagsSet = z.object({ conversationId: Id, tagIds: z.array(Id).max(20) });
export const ProfileUpdate = z.object({ conversationId: Id, name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), notes: z.string().nullable() });
export const BanCreate = z.object({
  conversationId: Id,
  reason: z.string(),
  durationMinutes: z.number().int().positive().nullable(),
  /** Also ban the visitor's address for this long (an explicit choice of the dialog; checked by BanInput). */
  address: z.object({ minutes: z.number().int().positive() }).nullable().optional(),
});

// ---------------------------------------------------------------- widget page views (issue 14)
const PageUrl = z.url().max(2000).refine((u) => /^https?:/i.test(u), 'Only http(s) pages');
export const VisitorPage = z.object({
  url: PageUrl,
  title: z.string().trim().max(300).optional().catch(undefined),
  referrer: z.union([PageUrl, z.literal('')]).optional().catch(undefined),
});
