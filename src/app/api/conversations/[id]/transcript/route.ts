import { z } from 'zod';
import { ALL_ROLES } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { fullHistory, transcriptExtras, transcriptHtml, transcriptText } from '../../../../../domain/search/transcript';
import { downloadHeaders } from '../../../../../server/http/download';
import { Params, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const Query = z.object({ format: z.enum(['txt', 'html'], { message: 'format must be txt or html' }).default('txt') });

/**
 * GET /api/conversations/<id>/transcript?format=txt|html — the whole conversation as a download, for staff
 * who may read it (same scope as search), with notes, tags, rating and pre-chat answers. File links in it are
 * signed and short-lived (ATTACHMENT_LINK_TTL_SECONDS).
 */
export const GET = route({ auth: { roles: ALL_ROLES }, params: Params.id, query: Query }, async ({ user, params, query }) => {
  const { id } = params;
  const { format } = query;
  const s = services();
  const conversation = await s.conversations.get(user.workspaceId, id);
  if (!conversation || !(await s.search.canRead(user.workspaceId, { id: user.id, role: user.role }, id))) throw new AppError('not_found', 'Conversation not found');
  const messages = await fullHistory(s.conversations, user.workspaceId, id);
  const ratingsVisible = await s.satisfaction.canSeeResults(user.workspaceId, { id: user.id, role: user.role });
  const extras = await transcriptExtras({ db: s.db, notes: s.tools.notes, tags: s.tools.tags, satisfaction: s.satisfaction }, user.workspaceId, conversation, ratingsVisible);
  const day = conversation.startedAt.slice(0, 10);
  const body = format === 'html' ? transcriptHtml(conversation, messages, extras) : transcriptText(conversation, messages, extras);
  return new Response(body, {
    headers: downloadHeaders({
      'content-type': format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="transcript-${day}-${id.slice(0, 8)}.${format}"`,
      'cache-control': 'no-store',
    }),
  });
});

export const dynamic = 'force-dynamic';
