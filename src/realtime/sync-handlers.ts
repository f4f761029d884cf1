import type { Socket } from 'socket.io';
import type { ConversationService } from '../domain/conversations/service';
import type { MessageDto } from '../domain/conversations/types';
import { onSync } from './handler';


/**
 * `sync`: a client that reconnected (node restart, network loss) sends the last seq it saw per open
 * conversation and gets what it missed, oldest first. Answered only once the socket is back in its
 * conversation rooms (`ready`), so every later message arrives live: nothing falls between the two.
 * Conversations the socket may not read are skipped, not reported.
 */
export function registerSync(socket: Socket, deps: { workspaceId: string; conversations: ConversationService; canRead: (conversationId: string) => Promise<boolean>; ready?: Promise<void> }): void {
  onSync(socket, 'sync', async (input) => {
    await deps.ready;
    const missed: Record<string, MessageDto[]> = {};
    for (const { conversationId, afterSeq } of input.conversations) {
      if (!(await deps.canRead(conversationId))) continue;
      missed[conversationId] = await deps.conversations.history(deps.workspaceId, conversationId, { afterSeq });
    }
    return { messages: missed };
  });
}
