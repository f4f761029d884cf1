import type { z } from 'zod';
import type { BanService } from '../domain/bans/service';
import type { CannedReplyService } from '../domain/canned/service';
import type { ChatAftercare } from '../domain/chat/aftercare';
import type { AgentEvents, AgentPresence, MonitorEvents, VisitorEvents } from '../domain/chat/notifier';
import type { ChatService } from '../domain/chat/service';
import type { ConversationDto, MessageDto } from '../domain/conversations/types';
import type { CustomerService } from '../domain/crm/service';
import type { MonitoringService } from '../domain/monitoring/service';
import type { NotesService } from '../domain/notes/service';
import type { SatisfactionService } from '../domain/satisfaction/service';
import type { SubmissionDto, SubmissionMessageDto, SubmissionOffer } from '../domain/submissions/service';
import type { TagService } from '../domain/tags/service';
import type { VisitorContextService } from '../domain/visitors/context';
import type { QueueStatus } from '../domain/chat/types';
import {
  BanCreate,
  CannedRender,
  CannedSave,
  ChatStart,
  ConversationRef,
  Empty,
  History,
  IdRef,
  MessageSend,
  MonitorEnd,
  NoteAdd,
  ProfileUpdate,
  RatingRef,
  RatingSubmit,
  StatusSet,
  SubmissionAppend,
  SubmissionCreate,
  Sync,
  TagsSet,
  Transfer,
  Typing,
  VisitorPage,
  WhisperSend,
} from './protocol';
import { CollisionUpdate, GreetingShown, TypingPreview, type F17StaffEvents } from './protocol-f17';
import { ConversationSeen, TranscriptEmailRequest, VisitorLanguage } from './protocol-email';

/**
 * THE socket contract (issue 20 item 1): one table per namespace, `{ [event]: { payload: zod schema, result } }`,
 * plus the server -> client events. The server registers handlers through it (`onVisitor` / `onAgent` /
 * `onMonitor` in realtime/handler.ts: payload parsed with the table's schema, the handler's result checked
 * against the table's type) and the browser's `request()` (components/chat/socket.ts) infers payload and
 * ack result from the same table through the typed sockets of realtime/events.ts. An event missing here
 * cannot be handled or requested; docs/protocol.md is checked against it (tests/unit/protocol-doc.test.ts).
 *
 * Browser code imports this file with `import type` only (the schemas stay on the server).
 */

/** One client -> server event: its payload schema and what the ack carries besides `ok: true`. */
export interface EventDef<S extends z.ZodType = z.ZodType, R extends object = object> {
  payload: S;
  /** Type only: never read at runtime. */
  result?: R;
}
export type Contract = Record<string, EventDef>;

/** `event<Result>()(PayloadSchema)`: the result type is written, the payload schema given. */
const event =
  <R extends object>() =>
  <S extends z.ZodType>(payload: S): EventDef<S, R> => ({ payload });

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Rating = Result<SatisfactionService['submit']>['rating'];

/** Catch-up after a reconnect (issue 12), the same on /visitor and /agent. */
export const syncContract = {
  sync: event<{ messages: Record<string, MessageDto[]> }>()(Sync),
};

export const visitorContract = {
  'chat.start': event<Result<ChatService['start']['startFromWidget']>>()(ChatStart),
  'message.send': event<{ message: MessageDto }>()(MessageSend),
  typing: event<object>()(Typing),
  'chat.end': event<{ conversation: ConversationDto }>()(ConversationRef),
  history: event<{ messages: MessageDto[] }>()(History),
  ...syncContract,
  'submission.create': event<{ submission: SubmissionDto }>()(SubmissionCreate),
  'submission.append': event<{ submission: SubmissionDto; message: SubmissionMessageDto }>()(SubmissionAppend),
  'submissions.list': event<{ submissions: SubmissionDto[] }>()(Empty),
  'rating.get': event<{ state: Result<SatisfactionService['state']> }>()(RatingRef),
  'rating.submit': event<{ rating: Omit<Rating, 'agentId' | 'groupId'>; overwritten: boolean }>()(RatingSubmit),
  /** A page view; `pagesVisited` counts this visit's page views so far (the widget's frame reloads with every page). */
  'visitor.page': event<{ pagesVisited: number }>()(VisitorPage),
  /** Sneak peek (F17): `delivered: false` while the workspace has it off. */
  'typing.preview': event<{ delivered: boolean }>()(TypingPreview),
  /** Issue 25: a copy of the ended chat by email; `queued: false` when it was already sent to that address. */
  'transcript.email': event<{ queued: boolean; to: string }>()(TranscriptEmailRequest),
  /** Issue 25: the newest message seen in the widget (fire-and-forget; agent messages up to it are not emailed). */
  'conversation.seen': event<{ seenSeq: number }>()(ConversationSeen),
  /** Issue 25: the language the site chose for the widget (fire-and-forget); visitor emails use it. */
  'visitor.language': event<{ lang: string }>()(VisitorLanguage),
  /** Proactive greetings: recorded once per visitor per rule (`first: false` = already shown before). */
  'greeting.shown': event<{ first: boolean }>()(GreetingShown),
};

export const agentContract = {
  'status.set': event<{ presence: AgentPresence }>()(StatusSet),
  'conversations.list': event<{ conversations: ConversationDto[] }>()(Empty),
  'conversations.overview': event<{
    conversations: ConversationDto[];
    previews: Record<string, { body: string; senderType: string; createdAt: string }>;
    tags: Record<string, Result<TagService['list']>>;
    waiting: number;
  }>()(Empty),
  history: event<{ messages: MessageDto[] }>()(History),
  ...syncContract,
  'whisper.list': event<{ whispers: Result<MonitoringService['whispers']> }>()(ConversationRef),
  'message.send': event<{ message: MessageDto }>()(MessageSend),
  typing: event<object>()(Typing),
  'chat.end': event<{ conversation: ConversationDto }>()(ConversationRef),
  'pool.list': event<{ conversations: ConversationDto[] }>()(Empty),
  'pool.claim': event<{ conversation: ConversationDto }>()(ConversationRef),
  'chat.reopen': event<{ conversation: ConversationDto }>()(ConversationRef),
  'transfer.targets': event<Result<ChatService['directory']['transferTargets']>>()(Empty),
  'chat.transfer': event<{ conversation: ConversationDto }>()(Transfer),
  'rating.invite': event<Result<ChatAftercare['inviteRating']>>()(RatingRef),
  'customer.get': event<{
    customer: Result<CustomerService['forConversation']>;
    conversations: Result<CustomerService['conversations']>;
    ratings: Result<SatisfactionService['forCustomer']> | null;
    ratingsVisible: boolean;
    /** This chat's own rating (anonymous visitors too), when the viewer may see ratings. */
    rating: Result<SatisfactionService['forConversation']>;
  }>()(RatingRef),
  'note.add': event<{ note: Result<NotesService['add']>['note'] }>()(NoteAdd),
  'note.list': event<{ notes: Result<NotesService['list']> }>()(ConversationRef),
  'staff.list': event<{ staff: { id: string; name: string }[] }>()(Empty),
  'canned.list': event<{ replies: Result<CannedReplyService['forAgent']> }>()(Empty),
  'canned.save': event<{ reply: Result<CannedReplyService['create']> }>()(CannedSave),
  'canned.delete': event<object>()(IdRef),
  'canned.render': event<{ body: string }>()(CannedRender),
  'tags.list': event<{ tags: Result<TagService['list']> }>()(Empty),
  'conversation.tags.set': event<{ tags: Result<TagService['setForConversation']> }>()(TagsSet),
  'visitor.context': event<{ context: Result<VisitorContextService['context']> }>()(ConversationRef),
  'visitor.profile.update': event<{ visitor: Result<VisitorContextService['updateProfile']> }>()(ProfileUpdate),
  'visitor.ban': event<{ ban: Result<BanService['ban']> }>()(BanCreate),
  'visitor.ban.preview': event<{ address: Result<BanService['addressPreview']> }>()(ConversationRef),
  /** Collision guard (F17). */
  'collision.update': event<{ viewers: F17StaffEvents['collision']['viewers'] }>()(CollisionUpdate),
};

export const monitorContract = {
  'monitor.snapshot': event<{
    snapshot: Result<MonitoringService['snapshot']>;
    tags: Result<TagService['list']>;
    conversationTags: Record<string, Result<TagService['list']>>;
  }>()(Empty),
  'monitor.watch': event<{
    conversation: ConversationDto;
    messages: MessageDto[];
    whispers: Result<MonitoringService['whispers']>;
    alerts: Result<MonitoringService['recentAlerts']>;
  }>()(ConversationRef),
  'monitor.unwatch': event<object>()(ConversationRef),
  'whisper.send': event<{ whisper: Result<MonitoringService['whisper']> }>()(WhisperSend),
  'transfer.targets': event<Result<ChatService['directory']['transferTargets']>>()(Empty),
  'chat.transfer': event<{ conversation: ConversationDto }>()(Transfer),
  'chat.end': event<{ conversation: ConversationDto }>()(MonitorEnd),
  /** Collision guard (F17). */
  'collision.update': event<{ viewers: F17StaffEvents['collision']['viewers'] }>()(CollisionUpdate),
};

export type VisitorContract = typeof visitorContract;
export type AgentContract = typeof agentContract;
export type MonitorContract = typeof monitorContract;

/** What an event's payload accepts (before parsing: defaults may be left out) and what its ack carries. */
export type PayloadOf<C extends Contract, E extends keyof C> = z.input<C[E]['payload']>;
export type ParsedPayloadOf<C extends Contract, E extends keyof C> = z.output<C[E]['payload']>;
export type ResultOf<C extends Contract, E extends keyof C> = NonNullable<C[E]['result']>;

/** An event's ack result per namespace, for client components (`import type`): no hand-written copies. */
export type VisitorResult<E extends keyof VisitorContract> = ResultOf<VisitorContract, E>;
export type AgentResult<E extends keyof AgentContract> = ResultOf<AgentContract, E>;
export type MonitorResult<E extends keyof MonitorContract> = ResultOf<MonitorContract, E>;

/** Every ack: `{ ok: true, ...result }` or `{ ok: false, error }` (realtime/handler.ts). */
export type AckError = { ok: false; error: { code: string; message: string; details?: unknown } };
export type AckResult<R extends object> = ({ ok: true } & R) | AckError;

// ------------------------------------------------------------------------------- server -> client

/** Sent once after every visitor (re)connect: identity, the latest conversation and what it waits for. */
export interface VisitorSession {
  visitorId: string;
  token: string;
  conversation: ConversationDto | null;
  /** The newest page of the conversation's messages or, when `since` is a number, only those after it. */
  messages: MessageDto[];
  /**
   * The `lastSeq` of the handshake the messages continue from (the widget merges them into what it holds),
   * or null: `messages` is the newest page and replaces the widget's list (issue 27).
   */
  since?: number | null;
  queue: QueueStatus | null;
  offer: SubmissionOffer | null;
  /** Whether the widget must show the pre-chat form before the first message (issue 14). */
  prechatNeeded?: boolean;
}

/** Server -> client events of each namespace (payload types), emitted through the notifier (domain/chat/notifier.ts). */
export type VisitorServerEvents = VisitorEvents & { session: VisitorSession };
export type AgentServerEvents = AgentEvents & F17StaffEvents;
export type MonitorServerEvents = MonitorEvents & F17StaffEvents;

/** The same names at runtime (docs check); `satisfies` keeps each list equal to its type's keys. */
type Exactly<T> = { [K in keyof T]: true };
export const serverEvents = {
  visitor: Object.keys({
    session: true,
    message: true,
    typing: true,
    'conversation.updated': true,
    'queue.position': true,
    'rating.invite': true,
    notice: true,
    'submission.reply': true,
  } satisfies Exactly<VisitorServerEvents>),
  agent: Object.keys({
    message: true,
    typing: true,
    'conversation.assigned': true,
    'conversation.updated': true,
    presence: true,
    'rating.received': true,
    whisper: true,
    'pool.changed': true,
    'submission.created': true,
    note: true,
    'note.mention': true,
    'conversation.tags': true,
    'queue.length': true,
    collision: true,
    'typing.preview': true,
  } satisfies Exactly<AgentServerEvents>),
  monitor: Object.keys({
    'monitor.agent': true,
    'monitor.queues': true,
    'monitor.conversation': true,
    'monitor.activity': true,
    'monitor.alert': true,
    message: true,
    'conversation.updated': true,
    whisper: true,
    note: true,
    'conversation.tags': true,
    collision: true,
    'typing.preview': true,
  } satisfies Exactly<MonitorServerEvents>),
};
