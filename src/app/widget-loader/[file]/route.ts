import { env } from '@/lib/env';
import { loaderScript } from '@/widget/loader';

export const dynamic = 'force-dynamic';

/**
 * The loader at its content-hashed URL: cached for a year (immutable). A stale hash (a page that cached an
 * older bootstrap) still gets the current loader, but only briefly cached.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const { source, hash } = loaderScript(new URL(env().PUBLIC_WEB_URL).origin);
  const current = file === `${hash}.js`;
  return new Response(source, {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
}
