import { route } from '../../../../server/http/route';

export const dynamic = 'force-dynamic';

/** GET /api/health/live: the web process runs and answers (restart it only when this fails). */
export const GET = route({ auth: 'public' }, async () => Response.json({ ok: true, live: true }, { headers: { 'cache-control': 'no-store' } }));
