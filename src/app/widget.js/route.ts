import { env } from '@/lib/env';
import { bootstrapScript } from '@/widget/loader';

export const dynamic = 'force-dynamic';

/** The embed's bootstrap (short cache): loads the immutable, content-hashed loader. */
export function GET() {
  return new Response(bootstrapScript(new URL(env().PUBLIC_WEB_URL).origin), {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
}
