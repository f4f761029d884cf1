import { env } from '@/lib/env';
import { buildLoaderScript } from '@/widget/loader';

export const dynamic = 'force-dynamic';

/** The one-line embed: <script src=".../widget.js" data-key="..." async></script>. */
export function GET() {
  return new Response(buildLoaderScript(new URL(env().PUBLIC_WEB_URL).origin), {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
}
