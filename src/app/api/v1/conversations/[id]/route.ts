import { conversationOr404 } from '../../_lib/chat';
import { getConversation } from '../../_lib/conversations';
import { v1 } from '../../_lib/v1';

/** GET /api/v1/conversations/:id */
export const GET = v1(getConversation, async ({ workspaceId, params }) => conversationOr404(workspaceId, params.id));
