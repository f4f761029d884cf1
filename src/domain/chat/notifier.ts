import type { ConversationDto, MessageDto } from '../conversations/types';
import type { AgentStatus } from '../routing/strategies';

/** Server -> client events, by audience. docs/protocol.md lists them. */
export interface VisitorEvents {
  message: MessageDto;
  typing: { conversationId: string; typing: boolean; name: string | null };
  'conversation.updated': ConversationDto;
  'queue.position': { conversationId: string; position: number; waitSeconds: number | null; text: string };
  notice: { conversationId: string; kind: 'no_agent' | 'queue_full' | 'queue_timeout' | 'submission_offered' | 'ended'; text: string };
}

export interface AgentEvents {
  message: MessageDto;
  typing: { conversationId: string; typing: boolean };
  'conversation.assigned': ConversationDto;
  'conversation.updated': ConversationDto;
  presence: AgentPresence;
}

export interface AgentPresence {
  status: AgentStatus;
  load: number;
  limit: number;
}

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
  /** Closes every socket of a staff member (deactivated account), on every node. */
  disconnectAgent(agentId: string): void;
}
