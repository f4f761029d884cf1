import type { ConversationDto, MessageDto } from '../conversations/types';
import type { AgentStatus } from '../routing/strategies';

/** Wire shapes of the /monitor namespace (docs/protocol.md). Dates are ISO strings. */

export interface MonitorAgent {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  status: AgentStatus;
  load: number;
  limit: number;
}

export interface MonitorQueue {
  /** 'all' | 'group:<id>' | 'agent:<id>' */
  key: string;
  label: string;
  length: number;
  /** Seconds the head-of-line (longest waiting) chat has waited; null when empty. */
  longestWaitSeconds: number | null;
  /** Enqueue time of the longest waiting chat (clients tick the wait locally). */
  oldestEnqueuedAt: string | null;
}

export interface MonitorLastMessage {
  senderType: MessageDto['senderType'];
  senderName: string | null;
  body: string;
  createdAt: string;
}

export interface MonitorConversation extends ConversationDto {
  lastMessage: MonitorLastMessage | null;
  /** Sensitive-word hits and other alerts raised in this conversation. */
  alertCount: number;
}

export type AlertKind = 'sensitive_word' | 'long_wait' | 'reply_timeout';

export interface MonitorAlert {
  /** 'hit:<n>' for sensitive-word hits, 'alert:<n>' for the others. */
  id: string;
  kind: AlertKind;
  conversationId: string | null;
  createdAt: string;
  /** Human-readable, e.g. `Customer wrote "foo" (blocked)`. */
  text: string;
  /** sensitive_word: which list and what was done. */
  side?: 'customer' | 'agent';
  word?: string;
  action?: 'mask' | 'block' | 'alert';
  agentId?: string | null;
}

export interface MonitorSnapshot {
  agents: MonitorAgent[];
  queues: MonitorQueue[];
  conversations: MonitorConversation[];
  alerts: MonitorAlert[];
  settings: { longWaitSeconds: number };
  at: string;
}

/** A supervisor's whisper: an internal note of kind 'whisper' (see domain/notes). */
export type { NoteDto as WhisperDto } from '../notes/service';
