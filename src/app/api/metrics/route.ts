import { renderMetrics, watchPool } from '../../../lib/metrics';
import { route } from '../../../server/http/route';
import { services } from '../../../server/web';

export const dynamic = 'force-dynamic';

let watching = false;

/** GET /api/metrics: Prometheus metrics of the web process (event loop, pg pool, Redis reconnects, ...). */
export const GET = route({ auth: 'public' }, async () => {
  if (!watching) {
    watching = true;
    watchPool(services().db.$client);
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
