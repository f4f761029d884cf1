import { Readable } from 'node:stream';
import { z } from 'zod';
import { downloadHeaders } from '../../../../../server/http/download';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** A path that names no file is a 404 (the link's signature is checked by the attachment service). */
const FileParams = z.object({ id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i), variant: z.enum(['file', 'thumb']) });
/** A malformed link is simply not valid: the service answers 404 (never 400), as before. */
const LinkQuery = z.object({ e: z.string().optional().catch(undefined), s: z.string().optional().catch(undefined) });

/**
 * GET /api/files/<attachment id>/<file|thumb>?e=<expiry>&s=<signature> — a signed, short-lived link
 * (issued only to the conversation's participants). Raster images display inline; everything else is a
 * download (Content-Disposition: attachment), never sniffed, sandboxed if opened anyway.
 */
export const GET = route({ auth: 'public', params: FileParams, query: LinkQuery }, async ({ params, query }) => {
  const file = await services().attachments.open(params.id, params.variant, query.e ?? null, query.s ?? null);
  const maxAge = Math.max(0, Math.floor((file.expiresAt - Date.now()) / 1000));
  return new Response(Readable.toWeb(file.body) as ReadableStream, {
    headers: downloadHeaders({
      'content-type': file.mime,
      'content-length': String(file.size),
      'content-disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': `private, max-age=${maxAge}`,
      'cross-origin-resource-policy': 'same-site',
    }),
  });
});

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

export const dynamic = 'force-dynamic';
