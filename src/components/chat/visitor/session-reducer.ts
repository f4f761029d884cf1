import type { AttachmentDto, ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { SubmissionDto, SubmissionOffer } from '@/domain/submissions/service';
import { gaplessSeq, mergeMessages, type UiMessage } from '../messages';

/** The queue line of a waiting chat (the `chat.start` ack, `session` and `queue.position`). */
export interface QueueStatus {
  position: number;
  waitSeconds: number | null;
  text: string;
}

/** The `session` event: everything the server restores after every (re)connect. */
export interface VisitorSessionPayload {
  visitorId: string;
  token: string;
  conversation: ConversationDto | null;
  messages: MessageDto[];
  /** A number: `messages` are only those after this seq (what the widget said it holds), to merge in. */
  since?: number | null;
  queue: QueueStatus | null;
  /** The leave-a-message form offered and not sent yet. */
  offer: SubmissionOffer | null;
  /** The pre-chat form is on and this visitor has not filled it in yet. */
  prechatNeeded?: boolean;
}

export type Connection = 'waiting' | 'connecting' | 'online' | 'offline' | 'refused';

export interface VisitorNotice {
  conversationId?: string;
  kind?: string;
  text: string;
  offer?: SubmissionOffer;
}

/** Everything the widget shows about the visitor's chat; changed only by `visitorSession` below. */
export interface VisitorState {
  connection: Connection;
  refusal: 'unverified' | 'refused' | null;
  conversation: ConversationDto | null;
  messages: UiMessage[];
  queue: QueueStatus | null;
  notice: { text: string; kind?: string } | null;
  /** The agent's name while typing ('' = unknown), null when nobody types. */
  agentTyping: string | null;
  error: string | null;
  starting: boolean;
  offer: SubmissionOffer | null;
  /** What the visitor typed when no chat could start (prefills the leave-a-message form). */
  unsent: string | null;
  leftMessage: SubmissionDto | null;
  prechatNeeded: boolean;
  confirmingEnd: boolean;
  /** System notes received live, by conversation and text (a stored end prompt also arrives as a notice). */
  systemNotes: string[];
}

export const initialVisitorState: VisitorState = {
  connection: 'waiting',
  refusal: null,
  conversation: null,
  messages: [],
  queue: null,
  notice: null,
  agentTyping: null,
  error: null,
  starting: false,
  offer: null,
  unsent: null,
  leftMessage: null,
  prechatNeeded: false,
  confirmingEnd: false,
  systemNotes: [],
};

/** Socket events and the visitor's own actions, as the reducer sees them. */
export type VisitorEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'disconnected' }
  | { type: 'refused'; reason: 'unverified' | 'refused' }
  | { type: 'session'; session: VisitorSessionPayload }
  | { type: 'message'; message: MessageDto }
  | { type: 'conversation.updated'; conversation: ConversationDto }
  | { type: 'queue.position'; queue: QueueStatus & { conversationId?: string } }
  | { type: 'notice'; notice: VisitorNotice }
  | { type: 'typing'; typing: boolean; name: string | null }
  | { type: 'start.begin' }
  | { type: 'start.done'; conversation: ConversationDto; messages: MessageDto[]; queue: QueueStatus | null }
  | { type: 'start.failed'; message: string | null; prechatNeeded: boolean }
  | { type: 'local.messages'; messages: UiMessage[] }
  | { type: 'unsent'; body: string }
  | { type: 'submitted'; submission: SubmissionDto }
  | { type: 'ended'; conversation: ConversationDto }
  | { type: 'error'; message: string | null }
  | { type: 'confirm-end'; open: boolean }
  | { type: 'cleared' };

const noteKey = (conversationId: string | undefined, text: string) => `${conversationId ?? ''}:${text}`;

/** The visitor's chat as a pure function of the events so far (unit-tested without a browser). */
export function visitorSession(state: VisitorState, event: VisitorEvent): VisitorState {
  switch (event.type) {
    case 'connecting':
      return { ...state, connection: 'connecting' };
    case 'connected':
      return { ...state, connection: 'online' };
    case 'disconnected':
      return state.connection === 'refused' ? state : { ...state, connection: 'offline' };
    case 'refused':
      return { ...state, connection: 'refused', refusal: event.reason };
    case 'session': {
      const s = event.session;
      // A reconnect restores the server's view; messages still pending or failed locally in the session's
      // chat are kept. Another visitor's session (identify / reset switched who this is) keeps none of them.
      // After a `since` (issue 27) the server sent only what the widget lacked: everything held of that chat stays.
      const continues = sessionContinues(state, s);
      // The visitor chose "Start a new chat" while this reconnect was under way: the ended chat stays closed.
      if (typeof s.since === 'number' && !continues && !state.conversation && s.conversation?.status === 'ended') {
        return { ...state, refusal: null, queue: null, prechatNeeded: Boolean(s.prechatNeeded), offer: s.offer ?? state.offer };
      }
      const kept = state.messages.filter((m) => m.conversationId === s.conversation?.id && (continues || m.pending || m.failed));
      return {
        ...state,
        refusal: null,
        conversation: s.conversation,
        messages: mergeMessages(kept, s.messages),
        queue: s.queue,
        prechatNeeded: Boolean(s.prechatNeeded),
        offer: s.offer ?? state.offer,
      };
    }
    case 'message': {
      const m = event.message;
      const systemNotes = m.senderType === 'system' ? [...state.systemNotes.slice(-20), noteKey(m.conversationId, m.body)] : state.systemNotes;
      return { ...state, messages: mergeMessages(state.messages, [m]), agentTyping: m.senderType === 'agent' ? null : state.agentTyping, systemNotes };
    }
    case 'conversation.updated': {
      const c = event.conversation;
      // An update of an older chat (delivered late) does not replace the current one.
      if (state.conversation && state.conversation.id !== c.id) return state;
      return { ...state, conversation: c, queue: c.status === 'queued' ? state.queue : null, confirmingEnd: c.status === 'ended' ? false : state.confirmingEnd };
    }
    case 'queue.position': {
      const { conversationId, ...queue } = event.queue;
      // Positions of another chat, or arriving after the chat left the queue, are stale.
      if (conversationId && state.conversation && conversationId !== state.conversation.id) return state;
      if (state.conversation && state.conversation.status !== 'queued') return state;
      return { ...state, queue };
    }
    case 'notice': {
      const n = event.notice;
      if (n.kind === 'submission_offered' && n.offer) return { ...state, offer: n.offer };
      // The time-out end prompt is stored as the chat's last note (already in the list): not twice.
      if (n.kind === 'timed_out' && state.systemNotes.includes(noteKey(n.conversationId, n.text))) return state;
      return { ...state, notice: { text: n.text, kind: n.kind } };
    }
    case 'typing':
      return { ...state, agentTyping: event.typing ? (event.name ?? '') : null };
    case 'start.begin':
      return { ...state, starting: true, notice: null, offer: null, leftMessage: null, error: null };
    case 'start.done':
      return { ...state, starting: false, prechatNeeded: false, conversation: event.conversation, messages: mergeMessages(state.messages.filter((m) => m.pending || m.failed), event.messages), queue: event.queue };
    case 'start.failed':
      return { ...state, starting: false, prechatNeeded: state.prechatNeeded || event.prechatNeeded, error: event.message ?? state.error };
    case 'local.messages': {
      // The late answer to a send of a chat no longer on screen (the visitor changed meanwhile) adds nothing.
      const shown = event.messages.filter((m) => m.conversationId === state.conversation?.id || state.messages.some((x) => x.clientMsgId != null && x.clientMsgId === m.clientMsgId));
      return shown.length ? { ...state, messages: mergeMessages(state.messages, shown) } : state;
    }
    case 'unsent':
      return { ...state, unsent: event.body };
    case 'submitted':
      return { ...state, offer: null, unsent: null, leftMessage: event.submission };
    case 'ended':
      return { ...state, conversation: event.conversation, confirmingEnd: false };
    case 'error':
      return { ...state, error: event.message };
    case 'confirm-end':
      return { ...state, confirmingEnd: event.open };
    case 'cleared':
      // "Start a new chat", another identity, a reset: an empty chat (nothing starts before the first message).
      return { ...state, conversation: null, messages: [], queue: null, notice: null, offer: null, leftMessage: null, error: null, confirmingEnd: false };
  }
}

/** Whether a `session` only continues the chat the widget holds (`since`: the messages after its lastSeq). */
export function sessionContinues(state: Pick<VisitorState, 'conversation'>, session: VisitorSessionPayload): boolean {
  return typeof session.since === 'number' && session.conversation !== null && session.conversation.id === state.conversation?.id;
}

/**
 * What the widget tells the handshake it holds (`auth.conversationId` + `auth.lastSeq`): its chat and the
 * highest seq held without a gap below it, so the `session` carries only what came after. Null: nothing held.
 */
export function resumePoint(state: Pick<VisitorState, 'conversation' | 'messages'>): { conversationId: string; lastSeq: number } | null {
  const conversation = state.conversation;
  if (!conversation) return null;
  const held = state.messages.filter((m) => m.conversationId === conversation.id);
  if (!held.some((m) => !m.pending && !m.failed)) return null;
  return { conversationId: conversation.id, lastSeq: gaplessSeq(held) };
}

/** The chat the visitor can write in (not ended). */
export function openConversation(state: VisitorState): ConversationDto | null {
  return state.conversation && state.conversation.status !== 'ended' ? state.conversation : null;
}

/** The visitor's message as shown while it is being sent (last in the list until the server's copy replaces it). */
export function pendingVisitorMessage(conversationId: string, body: string, clientMsgId: string, attachments: AttachmentDto[]): UiMessage {
  return {
    id: '',
    conversationId,
    seq: Number.MAX_SAFE_INTEGER,
    senderType: 'visitor',
    senderId: null,
    senderName: null,
    body,
    clientMsgId,
    createdAt: new Date().toISOString(),
    pending: true,
    ...(attachments.length ? { attachments } : {}),
  };
}
