import type { Socket } from 'socket.io-client';

/**
 * What a visitor socket holds, as the widget's `resumePoint` (src/components/chat/visitor/session-reducer.ts):
 * its chat and the highest seq received. A bench client never drops a message while connected, so the
 * highest seq is also the highest without a gap. Sent back as `auth.conversationId` + `auth.lastSeq`.
 */
export interface Held {
  conversationId: string | null;
  lastSeq: number;
}

export function trackHeld(socket: Socket, held: Held = { conversationId: null, lastSeq: 0 }): Held {
  const take = (m: { conversationId: string; seq: number }) => {
    if (held.conversationId !== m.conversationId) Object.assign(held, { conversationId: m.conversationId, lastSeq: 0 });
    held.lastSeq = Math.max(held.lastSeq, m.seq);
  };
  socket.on('session', (s: { conversation: { id: string } | null; messages: { seq: number }[]; since?: number | null }) => {
    if (!s.conversation) return;
    // `since` null: the page replaces what the widget held; a number: the messages continue it.
    if (s.since == null || held.conversationId !== s.conversation.id) Object.assign(held, { conversationId: s.conversation.id, lastSeq: 0 });
    for (const m of s.messages) take({ conversationId: s.conversation.id, seq: m.seq });
  });
  socket.on('message', take);
  return held;
}

/** The handshake `auth` fields that resume what is held (none without a chat). */
export const resumeAuth = (held: Held | undefined) => (held?.conversationId ? { conversationId: held.conversationId, lastSeq: held.lastSeq } : {});
