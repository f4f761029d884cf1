import type { ConversationDto, MessageDto } from '../conversations/types';
import type { AgentStatus } from '../routing/strategies';
import type { RatingDto } from '../satisfaction/service';
/** F9 prompts: agent reply timeout, visitor inactivity warning, chat ended because the visitor timed out. */
export type EndOfChatNoticeKind = 'agent_reply_timeout' | 'inactivity_warning' | 'timed_out';
import type { RatingScheme } from '../settings/schemas-service';
import type { SubmissionMessageDto, SubmissionOffer } from '../submissions/service';
import type { MentionDto, NoteDto } from '../notes/service';
import type { TagDto } from '../tags/service';
import type { MonitorAgent, MonitorAlert, MonitorLastMessage, MonitorQueue, WhisperDto } from '../monitoring/types';

/** Server -> client events, by audience. docs/protocol.md lists them. */
export interface VisitorEvents {
  message: MessageDto;
  typing: { conversationId: string; typing: boolean; name: string | null };
  'conversation.updated': ConversationDto;
  'queue.position': { conversationId: string; position: number; waitSeconds: number | null; text: string };
  /** F8: invitation to rate the chat (by the agent, or automatically when it ended), with the scheme to show. */
  'rating.invite': { conversationId: string; by: 'agent' | 'end'; scheme: RatingScheme; invitation: number };
  notice: { conversationId: string; kind: 'no_agent' | 'queue_full' | 'queue_timeout' | 'submission_offered' | 'ended' | EndOfChatNoticeKind; text: string; offer?: SubmissionOffer };
  /** An agent replied to one of the visitor's submissions (shown in the widget's history). */
  'submission.reply': { submissionId: string; message: SubmissionMessageDto };
}

export interface AgentEvents {
  message: MessageDto;
  typing: { conversationId: string; typing: boolean };
  'conversation.assigned': ConversationDto;
  'conversation.updated': ConversationDto;
  presence: AgentPresence;
  /** F8: the visitor rated one of the agent's chats (only when agents may see results). */
  'rating.received': { conversationId: string; rating: RatingDto };
  /** A supervisor's whisper in one of the agent's conversations (never sent to the visitor). */
  whisper: WhisperDto;
  /** Always-on: a chat entered (inPool) or left the Unassigned pool; sent to every staff socket of the workspace. */
  'pool.changed': { conversation: ConversationDto; inPool: boolean };
  /** A visitor left a message (F5): every staff socket of the workspace, so open inboxes can refresh. */
  'submission.created': { id: string; number: number; channel: string; createdAt: string; groupId: string | null };
  /** An internal note (or whisper) in one of the agent's conversations: staff only, never the visitor. */
  note: NoteDto;
  /** The agent was @mentioned in a note (wherever the conversation is). */
  'note.mention': MentionDto;
  /** A conversation's tags changed (staff sockets in the conversation). */
  'conversation.tags': { conversationId: string; tags: TagDto[] };
  /** Chats waiting in the queue(s) of the workspace: to every staff socket when it changes. */
  'queue.length': { waiting: number };
}

/** /monitor events. `monitor.*` go to the workspace's `monitor:<workspaceId>` room; the rest to watchers of a conversation. */
export interface MonitorEvents {
  'monitor.agent': Omit<MonitorAgent, 'name' | 'role'>;
  'monitor.queues': { queues: MonitorQueue[] };
  'monitor.conversation': ConversationDto;
  'monitor.activity': { conversationId: string; lastMessage: MonitorLastMessage };
  'monitor.alert': MonitorAlert;
  message: MessageDto;
  'conversation.updated': ConversationDto;
  whisper: WhisperDto;
  note: NoteDto;
  'conversation.tags': { conversationId: string; tags: TagDto[] };
}

export interface AgentPresence {
  status: AgentStatus;
  load: number;
  limit: number;
}

/** Socket room membership: transport state the use cases change directly (not a notification). */
export type ChatRooms = Pick<ChatNotifier, 'joinAgent' | 'leaveAgent' | 'joinVisitor' | 'disconnectAgent'>;

/**
 * The transport port of the chat domain: how the domain reaches connected clients on any node.
 * Implemented over Socket.IO in the realtime server and over the Redis emitter in the worker.
 */
export interface ChatNotifier {
  toVisitor<E extends keyof VisitorEvents>(visitorId: string, event: E, payload: VisitorEvents[E]): void;
  toAgent<E extends keyof AgentEvents>(agentId: string, event: E, payload: AgentEvents[E]): void;
  /** Delivers to every participant socket of a conversation (visitor and staff), on every node. */
  toConversation(conversationId: string, event: 'message' | 'conversation.updated', payload: MessageDto | ConversationDto): void;
  /** Makes the agent's sockets (all nodes) members of the conversation's rooms. */
  joinAgent(agentId: string, conversationId: string): void;
  leaveAgent(agentId: string, conversationId: string): void;
  /** Makes the visitor's sockets (all nodes, all tabs) members of the conversation's room (a reopened chat). */
  joinVisitor(visitorId: string, conversationId: string): void;
  /** Closes every socket of a staff member (deactivated account), on every node. */
  disconnectAgent(agentId: string): void;
  /** Every staff socket of a workspace in the agent workspace (Unassigned pool changes). */
  toStaff<E extends keyof AgentEvents>(workspaceId: string, event: E, payload: AgentEvents[E]): void;
  /** Live monitoring (F7): a delta for every /monitor socket of the workspace, on every node. */
  toMonitor<E extends keyof MonitorEvents>(workspaceId: string, event: E, payload: MonitorEvents[E]): void;
  /** Staff-only conversation event (note, whisper, tags): the agent's and the watching supervisors' sockets, never the visitor's. */
  toStaffConversation<E extends 'whisper' | 'note' | 'conversation.tags'>(conversationId: string, event: E, payload: AgentEvents[E]): void;
}
