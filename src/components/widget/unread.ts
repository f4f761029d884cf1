import type { MessageDto } from '@/domain/conversations/types';

/** `<conversationId>:<seq>`: the newest message the visitor has seen, as the loader stores it. */
export function seenMarker(conversationId: string, seq: number): string {
  return `${conversationId}:${seq}`;
}

/**
 * Agent messages the visitor has not seen: those after the stored marker in the same conversation. With
 * no marker (or one from an older conversation) every agent message of the conversation counts.
 */
export function unreadAgentMessages(messages: readonly MessageDto[], seen: string | null): MessageDto[] {
  const [conversationId, seqText] = seen?.split(':') ?? [];
  const seenSeq = Number(seqText);
  return messages.filter((m) => m.senderType === 'agent' && !(m.conversationId === conversationId && Number.isFinite(seenSeq) && m.seq <= seenSeq));
}
