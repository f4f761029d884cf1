import type { MessageDto } from '@/domain/conversations/types';
import type { WhisperDto } from '@/domain/monitoring/types';

/** A message as the UI holds it: confirmed by the server, or still pending/failed locally. */
export interface UiMessage extends MessageDto {
  pending?: boolean;
  failed?: string;
  /** Not stored yet and being resent with the same clientMsgId (reconnecting, server unavailable). */
  retrying?: string;
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

/** Visitor messages after the last agent message: what is unread when a chat arrives unseen. */
export function unansweredCount(list: MessageDto[]): number {
  let count = 0;
  for (const m of list) {
    if (m.senderType === 'agent') count = 0;
    else if (m.senderType === 'visitor') count += 1;
  }
  return count;
}

const confirmed = (m: UiMessage) => !m.pending && !m.failed && !m.whisper;

/** Highest confirmed seq of a conversation's list (0 when empty). */
export function lastSeenSeq(list: UiMessage[] | undefined): number {
  let seq = 0;
  for (const m of list ?? []) if (confirmed(m) && m.seq > seq) seq = m.seq;
  return seq;
}

/**
 * Where a catch-up must start: the highest confirmed seq held without a gap below it (a conversation's
 * messages have consecutive seqs). After a reconnect a live message can arrive before the catch-up runs;
 * asking after the highest seq would then skip the ones missed while away.
 */
export function gaplessSeq(list: UiMessage[] | undefined): number {
  const seqs = (list ?? []).filter(confirmed).map((m) => m.seq).sort((a, b) => a - b);
  if (!seqs.length) return 0;
  let seq = seqs[0];
  for (const next of seqs) {
    if (next > seq + 1) break;
    seq = Math.max(seq, next);
  }
  return seq;
}

/**
 * After a reconnect: asks the server (`sync`) for everything after the last gapless seq of each open
 * conversation and merges it in. Messages broadcast while this client was away (node restart, network
 * loss) would otherwise only appear after a reload.
 */
export async function catchUp(
  sync: (payload: { conversations: { conversationId: string; afterSeq: number }[] }) => Promise<{ ok: boolean; messages?: Record<string, MessageDto[]> }>,
  lists: Record<string, UiMessage[]>,
  openIds: string[],
): Promise<Record<string, MessageDto[]>> {
  const conversations = openIds.slice(0, 50).map((conversationId) => ({ conversationId, afterSeq: gaplessSeq(lists[conversationId]) }));
  if (!conversations.length) return {};
  const result = await sync({ conversations });
  return result.ok && result.messages ? result.messages : {};
}
