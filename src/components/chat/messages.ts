import type { MessageDto } from '@/domain/conversations/types';
import type { WhisperDto } from '@/domain/monitoring/types';

/** A message as the UI holds it: confirmed by the server, or still pending/failed locally. */
export interface UiMessage extends MessageDto {
  pending?: boolean;
  failed?: string;
  /** Refused by the sensitive-word list: retrying the same text cannot help. */
  blocked?: boolean;
  /** An internal note (a supervisor's whisper or an agent's note): staff only, shown distinctly. */
  whisper?: boolean;
  noteKind?: 'note' | 'whisper';
  mentions?: { id: string; name: string }[];
}

/** A note (or whisper) placed in the transcript right after the message it followed (seq + 0.5). */
export function whisperToUi(w: WhisperDto): UiMessage {
  return {
    id: `whisper:${w.id}`,
    conversationId: w.conversationId,
    seq: w.afterSeq + 0.5,
    senderType: 'system',
    senderId: w.authorId,
    senderName: w.authorName,
    body: w.body,
    clientMsgId: null,
    createdAt: w.createdAt,
    whisper: true,
    noteKind: w.kind ?? 'whisper',
    mentions: w.mentions ?? [],
  };
}

/**
 * Merges incoming messages into a list: de-duplicates by id (and a pending twin by clientMsgId) and keeps
 * server order (seq); local pending messages stay at the end until confirmed.
 */
export function mergeMessages(current: UiMessage[], incoming: UiMessage[]): UiMessage[] {
  const byKey = new Map<string, UiMessage>();
  for (const m of current) byKey.set(m.pending || m.failed ? `c:${m.clientMsgId}` : m.id, m);
  for (const m of incoming) {
    if (m.clientMsgId) byKey.delete(`c:${m.clientMsgId}`);
    byKey.set(m.pending || m.failed ? `c:${m.clientMsgId}` : m.id, m);
  }
  const all = [...byKey.values()];
  const confirmed = all.filter((m) => !m.pending && !m.failed).sort((a, b) => a.seq - b.seq);
  const local = all.filter((m) => m.pending || m.failed);
  return [...confirmed, ...local];
}
