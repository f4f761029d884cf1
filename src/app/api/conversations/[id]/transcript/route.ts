import { ALL_ROLES, uuidParam, withUser } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { searchService } from '../../../../../lib/search';
import { services } from '../../../../../lib/services';
import { fullHistory, transcriptExtras, transcriptHtml, transcriptText } from '../../../../../domain/search/transcript';

/**
 * GET /api/conversations/<id>/transcript?format=txt|html — the whole conversation as a download, for staff
 * who may read it (same scope as search). File links in it are signed and short-lived (ATTACHMENT_LINK_TTL_SECONDS).
 */
export const GET = withUser<{ id: string }>(ALL_ROLES, async ({ req, user, params }) => {
  const id = uuidParam(params.id, 'Conversation');
  const format = new URL(req.url).searchParams.get('format') ?? 'txt';
  if (format !== 'txt' && format !== 'html') throw new AppError('bad_request', 'format must be txt or html');
  const s = services();
  const conversation = await s.conversations.get(user.workspaceId, id);
  if (!conversation || !(await searchService().canRead(user.workspaceId, { id: user.id, role: user.role }, id))) throw new AppError('not_found', 'Conversation not found');
  const messages = await fullHistory(s.conversations, user.workspaceId, id);
  const ratingsVisible = await s.satisfaction.canSeeResults(user.workspaceId, { id: user.id, role: user.role });
  const extras = await transcriptExtras({ db: s.db, notes: s.tools.notes, tags: s.tools.tags, satisfaction: s.satisfaction }, user.workspaceId, conversation, ratingsVisible);
  const day = conversation.startedAt.slice(0, 10);
  const body = format === 'html' ? transcriptHtml(conversation, messages, extras) : transcriptText(conversation, messages, extras);
  return new Response(body, {
    headers: {
      'content-type': format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="transcript-${day}-${id.slice(0, 8)}.${format}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
});

export const dynamic = 'force-dynamic';
