import { services } from '../../../../../../server/web';
import { conversationOr404, tagIdsByName } from '../../../_lib/chat';
import { setConversationTags } from '../../../_lib/conversations';
import { v1 } from '../../../_lib/v1';

/** PUT /api/v1/conversations/:id/tags { tags: [names] }: replaces the tags (webhook `conversation.tagged`). */
export const PUT = v1(setConversationTags, async ({ workspaceId, params, body }) => {
  await conversationOr404(workspaceId, params.id);
  await services().tools.tags.setForConversation(workspaceId, params.id, await tagIdsByName(workspaceId, body.tags), null);
  return conversationOr404(workspaceId, params.id);
});
