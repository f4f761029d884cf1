import { z } from 'zod';
import { parseWordImport } from '../../../../../domain/moderation/service';
import { ADMIN_ONLY, okResponse } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { parseInput, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const MAX_BYTES = 2 * 1024 * 1024;
const JsonImport = z.object({ side: z.enum(['customer', 'agent']), text: z.string().max(MAX_BYTES, 'The import is too large (2 MB max)') });

/**
 * POST /api/admin/sensitive-words/import -> 201 { ok, added, skipped, invalid }. Admin only.
 * Either JSON `{ side, text }` (pasted text) or multipart form data with `side` and `file` (.csv or .txt):
 * one word per line, or CSV whose first column is the word (header `word` optional).
 */
export const POST = route({ auth: { roles: ADMIN_ONLY } }, async ({ req, user }) => {
  let input: unknown;
  if ((req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => null);
    const file = form?.get('file');
    if (!form || !(file instanceof Blob)) throw new AppError('bad_request', 'Choose a CSV or text file', [{ path: 'file', message: 'Choose a file' }]);
    if (file.size > MAX_BYTES) throw new AppError('bad_request', 'The file is too large (2 MB max)', [{ path: 'file', message: 'At most 2 MB' }]);
    input = { side: form.get('side'), text: await file.text() };
  } else {
    input = await req.json().catch(() => {
      throw new AppError('bad_request', 'Request body must be JSON or multipart form data');
    });
  }
  const parsed = { data: parseInput(JsonImport, input, 'import') };
  const words = parseWordImport(parsed.data.text);
  if (!words.length) throw new AppError('bad_request', 'The import contains no words', [{ path: 'text', message: 'No words found' }]);
  const result = await services().moderation.add(user.workspaceId, { side: parsed.data.side, words });
  return okResponse({ ...result }, 201);
});
