import { z } from 'zod';
import { wordsToCsv } from '../../../../../domain/moderation/service';
import { CONSOLE_ROLES, withUser } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { moderationServices } from '../../../../../lib/moderation-services';

/** GET /api/admin/sensitive-words/export?side=customer|agent -> text/csv download (`word,list,created_at`). */
export const GET = withUser(CONSOLE_ROLES, async ({ req, user }) => {
  const side = z.enum(['customer', 'agent']).safeParse(new URL(req.url).searchParams.get('side'));
  if (!side.success) throw new AppError('bad_request', 'side must be customer or agent', [{ path: 'side', message: 'customer or agent' }]);
  const csv = wordsToCsv(await moderationServices().moderation.all(user.workspaceId, side.data));
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="sensitive-words-${side.data}.csv"`,
      'cache-control': 'no-store',
    },
  });
});

export const dynamic = 'force-dynamic';
