import { z } from 'zod';
import { ADMIN_ONLY, okResponse } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { parseInput, route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

const MAX_BYTES = 1024 * 1024;
const JsonImport = z.object({ text: z.string().max(MAX_BYTES, 'The import is too large (1 MB max)') });

/**
 * POST /api/admin/canned-replies/import -> 201 { ok, added, updated, invalid: { line, message }[] }. Admin only.
 * JSON `{ text }` or multipart form data with `file` (.csv): `shortcut,body[,group]`, header optional.
 */
export const POST = route({ auth: { roles: ADMIN_ONLY } }, async ({ req, user }) => {
  let input: unknown;
  if ((req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => null);
    const file = form?.get('file');
    if (!form || !(file instanceof Blob)) throw new AppError('bad_request', 'Choose a CSV file', [{ path: 'file', message: 'Choose a file' }]);
    if (file.size > MAX_BYTES) throw new AppError('bad_request', 'The file is too large (1 MB max)', [{ path: 'file', message: 'At most 1 MB' }]);
    input = { text: await file.text() };
  } else {
    input = await req.json().catch(() => {
      throw new AppError('bad_request', 'Request body must be JSON or multipart form data');
    });
  }
  const { text } = parseInput(JsonImport, input, 'import');
  return okResponse({ ...(await services().tools.canned.importShared(user.workspaceId, text)) }, 201);
});
