import { services } from '../../../../../../server/web';
import { conversationOr404, sendAsApi } from '../../../_lib/chat';
import { listMessages, sendMessage } from '../../../_lib/conversations';
import { v1 } from '../../../_lib/v1';
import { AppError } from '../../../../../../lib/errors';

function seqCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(seq) || seq < 0) throw new AppError('bad_request', 'Invalid query: cursor: this cursor is not one we gave out', [{ path: 'cursor', message: 'Unknown cursor' }]);
  return seq;
}

/** GET /api/v1/conversations/:id/messages: oldest first, paged by sequence number. */
export const GET = v1(listMessages, async ({ workspaceId, params, query }) => {
  await conversationOr404(workspaceId, params.id);
  const rows = await services().conversations.history(workspaceId, params.id, { afterSeq: seqCursor(query.cursor) ?? 0, limit: query.limit + 1 });
  const has_more = rows.length > query.limit;
  const data = rows.slice(0, query.limit).map(({ attachments: _files, ...m }) => m);
  return { data, has_more, next_cursor: has_more ? Buffer.from(String(data[data.length - 1].seq)).toString('base64url') : null };
});

/** POST /api/v1/conversations/:id/messages: as an agent or a named bot; honours Idempotency-Key. */
export const POST = v1(sendMessage, async ({ workspaceId, params, body }) => sendAsApi(workspaceId, params.id, body));
