import type { z } from 'zod';
import type { AgentEvents, MonitorEvents, VisitorEvents } from '../domain/chat/notifier';
import type { QueueStatus } from '../domain/chat/types';
import type { ConversationDto, MessageDto } from '../domain/conversations/types';
import type { SubmissionOffer } from '../domain/submissions/service';
import type { BanCreate, CannedRender, CannedSave, IdRef, NoteAdd, ProfileUpdate, TagsSet } from './agent-tools';
import type { CollisionState, CollisionUpdate } from './collision-handlers';
import type { RatingRef, RatingSubmit } from './crm-handlers';
import type { TypingPreview, TypingPreviewEvent } from './sneak-peek';
import type { ChatStart, ConversationRef, History, MessageSend, MonitorEnd, StatusSet, SubmissionAppend, SubmissionCreate, Transfer, Typing, WhisperSend } from './protocol';
import type { Sync } from './sync-handlers';
import type { VisitorPage } from './visitor-tools';

/**
 * The socket event maps of the three namespaces, defined once (types only) and shared by the server
 * (`Namespace<ClientToServer, ServerToClient>`) and the client components (`Socket<ServerToClient,
 * ClientToServer>` from socket.io-client). docs/protocol.md describes each event.
 */

/** Every request answers through its ack: `{ ok: true, ...result }` or `{ ok: false, error }` (realtime/handler.ts). */
export type AckResponse = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };
type Request<Schema extends z.ZodType> = (payload: z.input<Schema>, ack: (response: AckResponse) => void) => void;
/** Fire-and-forget (no ack expected by the client). */
type Notice<Schema extends z.ZodType> = (payload: z.input<Schema>) => void;
type Listeners<Events> = { [E in keyof Events]: (payload: Events[E]) => void };

/** Sent once after every visitor (re)connect: identity, the latest conversation and what it waits for. */
export interface VisitorSession {
  visitorId: string;
  token: string;
  conversation: ConversationDto | null;
  messages: MessageDto[];
  queue: QueueStatus | null;
  offer: SubmissionOffer | null;
  /** Whether the widget must show the pre-chat form before the first message (issue 14). */
  prechatNeeded?: boolean;
}

export type VisitorServerToClient = Listeners<VisitorEvents & { session: VisitorSession }>;
/** Collision guard (F17): who views / writes on a conversation, to the staff sockets looking at it. */
interface CollisionEvents {
  collision: CollisionState;
  /** Sneak peek (F17): the visitor's unsent text, to the assigned agent and watching supervisors only. */
  'typing.preview': TypingPreviewEvent;
}
export type AgentServerToClient = Listeners<AgentEvents & CollisionEvents>;
export type MonitorServerToClient = Listeners<MonitorEvents & CollisionEvents>;

export interface VisitorClientToServer {
  'chat.start': Request<typeof ChatStart>;
  'message.send': Request<typeof MessageSend>;
  typing: Request<typeof Typing>;
  'chat.end': Request<typeof ConversationRef>;
  history: Request<typeof History>;
  sync: Request<typeof Sync>;
  'submission.create': Request<typeof SubmissionCreate>;
  'submission.append': Request<typeof SubmissionAppend>;
  'submissions.list': Request<z.ZodObject>;
  'rating.get': Request<typeof RatingRef>;
  'rating.submit': Request<typeof RatingSubmit>;
  'visitor.page': Notice<typeof VisitorPage>;
  'typing.preview': Request<typeof TypingPreview>;
}

export interface AgentClientToServer {
  'status.set': Request<typeof StatusSet>;
  'conversations.list': Request<z.ZodObject>;
  'conversations.overview': Request<z.ZodObject>;
  history: Request<typeof History>;
  sync: Request<typeof Sync>;
  'whisper.list': Request<typeof ConversationRef>;
  'message.send': Request<typeof MessageSend>;
  typing: Request<typeof Typing>;
  'chat.end': Request<typeof ConversationRef>;
  'pool.list': Request<z.ZodObject>;
  'pool.claim': Request<typeof ConversationRef>;
  'transfer.targets': Request<z.ZodObject>;
  'chat.transfer': Request<typeof Transfer>;
  'rating.invite': Request<typeof RatingRef>;
  'customer.get': Request<typeof RatingRef>;
  'note.add': Request<typeof NoteAdd>;
  'note.list': Request<typeof ConversationRef>;
  'staff.list': Request<z.ZodObject>;
  'canned.list': Request<z.ZodObject>;
  'canned.save': Request<typeof CannedSave>;
  'canned.delete': Request<typeof IdRef>;
  'canned.render': Request<typeof CannedRender>;
  'tags.list': Request<z.ZodObject>;
  'conversation.tags.set': Request<typeof TagsSet>;
  'visitor.context': Request<typeof ConversationRef>;
  'visitor.profile.update': Request<typeof ProfileUpdate>;
  'visitor.ban': Request<typeof BanCreate>;
  'visitor.ban.preview': Request<typeof ConversationRef>;
  'collision.update': Request<typeof CollisionUpdate>;
}

export interface MonitorClientToServer {
  'monitor.snapshot': Request<z.ZodObject>;
  'monitor.watch': Request<typeof ConversationRef>;
  'monitor.unwatch': Request<typeof ConversationRef>;
  'whisper.send': Request<typeof WhisperSend>;
  'transfer.targets': Request<z.ZodObject>;
  'chat.transfer': Request<typeof Transfer>;
  'chat.end': Request<typeof MonitorEnd>;
  'collision.update': Request<typeof CollisionUpdate>;
}
