import { AppError } from '../../../../../../lib/errors';
import { services } from '../../../../../../server/web';
import { conversationOr404 } from '../../../_lib/chat';
import { transferConversation } from '../../../_lib/conversations';
import { v1 } from '../../../_lib/v1';

/** POST /api/v1/conversations/:id/transfer { to: { type, id } } */
export const POST = v1(transferConversation, async ({ workspaceId, params, body }) => {
  const { chat } = services();
  const conversation = await conversationOr404(workspaceId, params.id);
  if (conversation.status !== 'active' || !conversation.agentId) throw new AppError('invalid_state', 'Only an active conversation with an agent can be transferred');
  if (!(await chat.directory.exists(workspaceId, body.to))) throw new AppError('bad_request', `Invalid body: to: no such ${body.to.type} in this workspace`, [{ path: 'to.id', message: `Unknown ${body.to.type}` }]);
  await chat.transfers.transfer(workspaceId, params.id, conversation.agentId, body.to);
  return conversationOr404(workspaceId, params.id);
});
