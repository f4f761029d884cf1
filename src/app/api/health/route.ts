import { checkDependencies } from '../../../lib/probe';
import { route } from '../../../server/http/route';
import { services } from '../../../server/web';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health (also /api/health/ready): readiness. 200 { ok: true, checks } when PostgreSQL (select 1)
 * and Redis (ping) answer within 2 s each, else 503 with `unavailable` (a load balancer routes around this
 * instance). Liveness, which does not depend on them, is /api/health/live.
 */
export const GET = route({ auth: 'public' }, async () => {
  let checks = { database: false, redis: false };
  try {
    const s = services();
    checks = (await checkDependencies(s.db, s.redis)).checks;
  } catch {
    // services() itself failed (bad configuration): both stay false.
  }
  if (checks.database && checks.redis) return Response.json({ ok: true, live: true, checks }, { headers: { 'cache-control': 'no-store' } });
  const failing = Object.entries(checks)
    .filter(([, up]) => !up)
    .map(([name]) => name)
    .join(', ');
  return Response.json(
    { ok: false, live: true, checks, error: { code: 'unavailable', message: `Unavailable: ${failing}` } },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
});
