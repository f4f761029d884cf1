import { Readable } from 'node:stream';
import { errorToResponse } from '../../../../../lib/auth';
import { AppError } from '../../../../../lib/errors';
import { services } from '../../../../../lib/services';

/**
 * GET /api/files/<attachment id>/<file|thumb>?e=<expiry>&s=<signature> — a signed, short-lived link
 * (issued only to the conversation's participants). Raster images display inline; everything else is a
 * download (Content-Disposition: attachment), never sniffed, sandboxed if opened anyway.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string; variant: string }> }): Promise<Response> {
  try {
    const { id, variant } = await ctx.params;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'File not found');
    const url = new URL(req.url);
    const file = await services().attachments.open(id, variant, url.searchParams.get('e'), url.searchParams.get('s'));
    const maxAge = Math.max(0, Math.floor((file.expiresAt - Date.now()) / 1000));
    return new Response(Readable.toWeb(file.body) as ReadableStream, {
      headers: {
        'content-type': file.mime,
        'content-length': String(file.size),
        'content-disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': `private, max-age=${maxAge}`,
        'cross-origin-resource-policy': 'same-site',
      },
    });
  } catch (error) {
    return errorToResponse(error);
  }
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

export const dynamic = 'force-dynamic';
