import { z } from 'zod';
import { wordsToCsv } from '../../../../../domain/moderation/service';
import { CONSOLE_ROLES } from '../../../../../lib/auth';
import { downloadHeaders } from '../../../../../server/http/download';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const Query = z.object({ side: z.enum(['customer', 'agent'], { message: 'side must be customer or agent' }) });

/** GET /api/admin/sensitive-words/export?side=customer|agent -> text/csv download (`word,list,created_at`). */
export const GET = route({ auth: { roles: CONSOLE_ROLES }, query: Query }, async ({ user, query }) => {
  const csv = wordsToCsv(await services().moderation.all(user.workspaceId, query.side));
  return new Response(`\uFEFF${csv}`, {
    headers: downloadHeaders({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="sensitive-words-${query.side}.csv"`,
      'cache-control': 'no-store',
    }),
  });
});

export const dynamic = 'force-dynamic';
