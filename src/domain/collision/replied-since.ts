/** The fields of a transcript item the check needs (messages and notes alike). */
export interface TranscriptItem {
  seq: number;
  senderType: string;
  senderId?: string | null;
  senderName?: string | null;
  pending?: boolean;
}

/**
 * Collision guard (F17): who else on the staff wrote to the visitor after `sinceSeq` (the last message the
 * agent had seen when they started typing). Empty means sending needs no confirmation. Notes and system
 * messages do not count: only a reply the visitor sees can make a second answer redundant.
 */
export function repliedSince(items: readonly TranscriptItem[], sinceSeq: number, selfId: string): string[] {
  const names = new Set<string>();
  for (const m of items) {
    if (m.pending || m.seq <= sinceSeq || m.seq === Number.MAX_SAFE_INTEGER) continue;
    if (m.senderType !== 'agent' || !m.senderId || m.senderId === selfId) continue;
    names.add(m.senderName || 'A colleague');
  }
  return [...names];
}

/** The highest sequence number the agent has seen (0 for an empty transcript). */
export function lastSeq(items: readonly TranscriptItem[]): number {
  let max = 0;
  for (const m of items) if (!m.pending && m.seq !== Number.MAX_SAFE_INTEGER && m.seq > max) max = m.seq;
  return max;
}
