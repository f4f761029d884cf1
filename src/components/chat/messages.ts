import type { MessageDto } from '@/domain/conversations/types';

/** A message as the UI holds it: confirmed by the server, or still pending/failed locally. */
export interface UiMessage extends MessageDto {
  pending?: boolean;
  failed?: string;
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
