import { services } from '../../../../../../server/web';
import { conversationOr404 } from '../../../_lib/chat';
import { endConversation } from '../../../_lib/conversations';
import { v1 } from '../../../_lib/v1';

/** POST /api/v1/conversations/:id/end: ends it as the system would (idempotent). */
export const POST = v1(endConversation, async ({ workspaceId, params }) => {
  const before = await conversationOr404(workspaceId, params.id);
  if (before.status !== 'ended') await services().chat.lifecycle.endConversation(workspaceId, params.id, 'system');
  return conversationOr404(workspaceId, params.id);
});
