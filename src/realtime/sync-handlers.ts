import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { ConversationService } from '../domain/conversations/service';
import type { MessageDto } from '../domain/conversations/types';
import { on } from './handler';

/** At most this many conversations per `sync` (an agent's open chats; a visitor has one). */
const MAX_CONVERSATIONS = 50;

export const Sync = z.object({
  conversations: z
    .array(z.object({ conversationId: z.uuid(), afterSeq: z.number().int().nonnegative() }))
    .max(MAX_CONVERSATIONS),
});

/**
 * `sync`: a client that reconnected (node restart, network loss) sends the last seq it saw per open
 * conversation and gets what it missed, oldest first. Answered only once the socket is back in its
 * conversation rooms (`ready`), so every later message arrives live: nothing falls between the two.
 * Conversations the socket may not read are skipped, not reported.
 */
export function registerSync(socket: Socket, deps: { workspaceId: string; conversations: ConversationService; canRead: (conversationId: string) => Promise<boolean>; ready?: Promise<void> }): void {
  on(socket, 'sync', Sync, async (input) => {
    await deps.ready;
    const missed: Record<string, MessageDto[]> = {};
    for (const { conversationId, afterSeq } of input.conversations) {
      if (!(await deps.canRead(conversationId))) continue;
      missed[conversationId] = await deps.conversations.history(deps.workspaceId, conversationId, { afterSeq });
    }
    return { messages: missed };
  });
}
