import { AddWordsInput, ListWordsQuery } from '../../../../domain/moderation/service';
import { ADMIN_ONLY, CONSOLE_ROLES, okResponse } from '../../../../lib/auth';
import { route } from '../../../../server/http/route';
import { services } from '../../../../server/web';

/**
 * GET /api/admin/sensitive-words?side=customer|agent&q=&page=1&pageSize=50
 *   -> { ok, items: [{ id, side, word, createdAt, updatedAt }], total, page, pageSize }
 * `q` searches the word as entered and in its normalised form (so "ＢＡＤ" finds "bad").
 */
export const GET = route({ auth: { roles: CONSOLE_ROLES }, query: ListWordsQuery }, async ({ user, query }) => {
  return { ...(await services().moderation.list(user.workspaceId, query)) };
});

/**
 * POST /api/admin/sensitive-words { side, words: string[] } -> 201 { ok, added, skipped, invalid }. Admin only.
 * One word or many (paste, one per line, split by the client); duplicates are skipped.
 */
export const POST = route({ auth: { roles: ADMIN_ONLY }, body: AddWordsInput }, async ({ user, body }) => {
  const result = await services().moderation.add(user.workspaceId, body);
  return okResponse({ ...result }, 201);
});

export const dynamic = 'force-dynamic';
