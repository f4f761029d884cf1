import type { Channel } from '../../db/schema';
import type { ConversationDto, MessageDto } from '../conversations/types';
import type { Sender } from '../conversations/service';
import type { ChatContext } from '../routing/rules';
import type { RoutingTarget } from '../settings/schemas';

export interface StaffActor {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
}

export interface StartInput {
  channel: Channel;
  entryUrl: string | null;
  designated: ChatContext['designated'];
  /** Conversation tag names given at start (embed), already limited to the workspace's tags. */
  tags?: string[];
}

export interface QueueStatus {
  position: number;
  waitSeconds: number | null;
  text: string;
}

export interface StartResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  queue: QueueStatus | null;
}

export interface RoutingProfile {
  id: string;
  active: boolean;
  receptionLimit: number | null;
  groupIds: string[];
}

/** Author of the notes the chat core writes itself ("X joined the chat", "Chat ended by ..."). */
export const SYSTEM: Sender = { type: 'system', id: null, name: null };

export function groupOf(target: RoutingTarget): string | null {
  return target.type === 'group' ? target.id : null;
}
