import type { CannedReplyDto } from '@/domain/canned/service';
import type { ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { MentionDto, NoteDto } from '@/domain/notes/service';
import type { TagDto } from '@/domain/tags/service';
import { mergeMessages, unansweredCount, whisperToUi, type UiMessage } from '../messages';
import { visitorLabel, type Preview } from '../workspace/ConversationList';

export type AgentStatus = 'online' | 'busy' | 'offline';
export interface Presence {
  status: AgentStatus;
  load: number;
  limit: number;
}

/** `conversations.overview`: the agent's chats with their last message and tags, and the queue length. */
export interface Overview {
  conversations: ConversationDto[];
  previews: Record<string, Preview>;
  tags: Record<string, TagDto[]>;
  waiting: number;
}

/** What the agent workspace knows, changed only by `agentInbox` below (socket events and the agent's actions). */
export interface InboxState {
  presence: Presence | null;
  /** null until the first overview arrived (loading). */
  conversations: ConversationDto[] | null;
  previews: Record<string, Preview>;
  convTags: Record<string, TagDto[]>;
  allTags: TagDto[];
  staff: { id: string; name: string }[];
  canned: CannedReplyDto[];
  waiting: number;
  selectedId: string | null;
  messages: Record<string, UiMessage[]>;
  typing: Record<string, boolean>;
  unread: Record<string, number>;
  notice: string | null;
}

export const initialInboxState: InboxState = {
  presence: null,
  conversations: null,
  previews: {},
  convTags: {},
  allTags: [],
  staff: [],
  canned: [],
  waiting: 0,
  selectedId: null,
  messages: {},
  typing: {},
  unread: {},
  notice: null,
};

/**
 * Socket events and actions. `seen` is decided by the hook (tab visible, chat on screen): the reducer stays
 * free of the DOM.
 */
export type InboxEvent =
  | { type: 'overview'; overview: Overview }
  | { type: 'tags'; tags: TagDto[] }
  | { type: 'staff'; staff: { id: string; name: string }[] }
  | { type: 'canned'; replies: CannedReplyDto[] }
  | { type: 'presence'; presence: Presence }
  | { type: 'queue.length'; waiting: number }
  | { type: 'conversation.assigned'; conversation: ConversationDto }
  | { type: 'history'; conversationId: string; messages: UiMessage[]; countUnread?: boolean }
  | { type: 'conversation.updated'; conversation: ConversationDto; selfId: string }
  | { type: 'conversation.local'; conversation: ConversationDto }
  | { type: 'message'; message: MessageDto; seen: boolean }
  | { type: 'local.messages'; conversationId: string; messages: UiMessage[] }
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'note'; note: NoteDto }
  | { type: 'note.mention'; mention: MentionDto }
  | { type: 'conversation.tags'; conversationId: string; tags: TagDto[] }
  | { type: 'visitor.changed'; visitor: { id: string; name: string | null; email: string | null } }
  | { type: 'select'; conversationId: string }
  | { type: 'read'; conversationId: string }
  | { type: 'notice'; text: string | null };

function upsert(list: ConversationDto[] | null, c: ConversationDto): ConversationDto[] {
  const current = list ?? [];
  return current.some((x) => x.id === c.id) ? current.map((x) => (x.id === c.id ? { ...x, ...c } : x)) : [c, ...current];
}

function addMessages(all: Record<string, UiMessage[]>, conversationId: string, incoming: UiMessage[]): Record<string, UiMessage[]> {
  return { ...all, [conversationId]: mergeMessages(all[conversationId] ?? [], incoming) };
}

/** The agent's inbox as a pure function of the events so far (unit-tested without a browser). */
export function agentInbox(state: InboxState, event: InboxEvent): InboxState {
  switch (event.type) {
    case 'overview':
      return { ...state, conversations: event.overview.conversations, previews: event.overview.previews, convTags: event.overview.tags, waiting: event.overview.waiting };
    case 'tags':
      return { ...state, allTags: event.tags };
    case 'staff':
      return { ...state, staff: event.staff };
    case 'canned':
      return { ...state, canned: event.replies };
    case 'presence':
      return { ...state, presence: event.presence };
    case 'queue.length':
      return { ...state, waiting: event.waiting };
    case 'conversation.assigned':
      return { ...state, conversations: upsert(state.conversations, event.conversation), selectedId: state.selectedId ?? event.conversation.id };
    case 'history': {
      // The visitor's first messages came before this agent joined the room: unread unless on screen.
      const unread = event.countUnread ? { ...state.unread, [event.conversationId]: unansweredCount(event.messages) } : state.unread;
      return { ...state, messages: addMessages(state.messages, event.conversationId, event.messages), unread };
    }
    case 'conversation.updated': {
      const c = event.conversation;
      // Moved to someone else (manual or auto-transfer): it leaves "My chats".
      const movedAway = c.status !== 'ended' && !!c.agentId && c.agentId !== event.selfId;
      return { ...state, conversations: upsert(state.conversations, c), notice: movedAway ? `The chat with ${visitorLabel(c)} was transferred to ${c.agentName ?? 'another agent'}.` : state.notice };
    }
    case 'conversation.local':
      return { ...state, conversations: upsert(state.conversations, event.conversation) };
    case 'message': {
      const m = event.message;
      const next = { ...state, messages: addMessages(state.messages, m.conversationId, [m]) };
      if (m.senderType !== 'system') next.previews = { ...state.previews, [m.conversationId]: { body: m.body.slice(0, 140), senderType: m.senderType, createdAt: m.createdAt } };
      if (m.senderType !== 'visitor') return next;
      next.typing = { ...state.typing, [m.conversationId]: false };
      if (!event.seen) next.unread = { ...state.unread, [m.conversationId]: (state.unread[m.conversationId] ?? 0) + 1 };
      return next;
    }
    case 'local.messages':
      return { ...state, messages: addMessages(state.messages, event.conversationId, event.messages) };
    case 'typing':
      return { ...state, typing: { ...state.typing, [event.conversationId]: event.typing } };
    case 'note':
      return { ...state, messages: addMessages(state.messages, event.note.conversationId, [whisperToUi(event.note)]) };
    case 'note.mention': {
      const m = event.mention;
      return { ...state, notice: `${m.note.authorName ?? 'A colleague'} mentioned you in a note about ${m.visitorName ?? 'a visitor'}: “${m.note.body.slice(0, 120)}”` };
    }
    case 'conversation.tags':
      return { ...state, convTags: { ...state.convTags, [event.conversationId]: event.tags } };
    case 'visitor.changed': {
      const v = event.visitor;
      return { ...state, conversations: state.conversations?.map((c) => (c.visitorId === v.id ? { ...c, visitorName: v.name, visitorEmail: v.email } : c)) ?? null };
    }
    case 'select':
      return { ...state, selectedId: event.conversationId, unread: { ...state.unread, [event.conversationId]: 0 } };
    case 'read':
      return { ...state, unread: { ...state.unread, [event.conversationId]: 0 } };
    case 'notice':
      return { ...state, notice: event.text };
  }
}
