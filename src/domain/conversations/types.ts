import type { Channel, ConversationStatus, EndedBy } from '../../db/schema';

/** Wire shapes shared by the realtime server and the browser clients (dates as ISO strings). */
export interface MessageDto {
  id: string;
  conversationId: string;
  seq: number;
  senderType: 'visitor' | 'agent' | 'system';
  senderId: string | null;
  senderName: string | null;
  body: string;
  clientMsgId: string | null;
  createdAt: string;
  /** Files sent with the message (F11); absent on plain text messages. */
  attachments?: AttachmentDto[];
}

/** A file in a message. URLs are signed and short-lived; a fresh set comes with every history load. */
export interface AttachmentDto {
  id: string;
  name: string;
  /** Detected from the content. */
  mime: string;
  kind: 'image' | 'file';
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  /** Images only: a small preview (WebP). */
  thumbUrl: string | null;
}

export interface ConversationDto {
  id: string;
  status: ConversationStatus;
  channel: Channel;
  /** Reception mode the conversation started under ('realtime' | 'always_on'). */
  mode: 'realtime' | 'always_on';
  visitorId: string;
  visitorName: string | null;
  visitorEmail?: string | null;
  agentId: string | null;
  agentName: string | null;
  groupId: string | null;
  entryUrl: string | null;
  startedAt: string;
  assignedAt: string | null;
  endedAt: string | null;
  endedBy: EndedBy | null;
  lastMessageAt: string | null;
}
