import { listConversations } from '../../../../domain/publicapi/conversations';
import { services } from '../../../../server/web';
import { listConversations as op } from '../_lib/conversations';
import { v1 } from '../_lib/v1';

/** GET /api/v1/conversations: see the operation (src/app/api/v1/_lib/conversations.ts) and docs/api.md. */
export const GET = v1(op, async ({ workspaceId, query }) =>
  listConversations(services().db, workspaceId, {
    limit: query.limit,
    cursor: query.cursor,
    status: query.status,
    agentId: query.agent_id,
    groupId: query.group_id,
    tag: query.tag,
    updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
  }),
);
