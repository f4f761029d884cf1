import { readAddressWarning, type AddressWarning } from '../../../lib/address-watch';
import { env } from '../../../lib/env';
import { checkDependencies } from '../../../lib/probe';
import { route } from '../../../server/http/route';
import { services } from '../../../server/web';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health (also /api/health/ready): readiness. 200 { ok: true, checks } when PostgreSQL (select 1)
 * and Redis (ping) answer within 2 s each, else 503 with `unavailable` (a load balancer routes around this
 * instance). Liveness, which does not depend on them, is /api/health/live. `warnings` lists what an operator
 * should fix that is not an outage (an untrusted reverse proxy: lib/address-watch.ts).
 */
export const GET = route({ auth: 'public' }, async () => {
  let checks = { database: false, redis: false };
  let warnings: AddressWarning[] = [];
  try {
    const s = services();
    checks = (await checkDependencies(s.db, s.redis)).checks;
    // An untrusted proxy in front (many visitors from one address): fix TRUSTED_PROXIES; not an outage.
    if (checks.redis) warnings = [await readAddressWarning(s.redis, env().REDIS_PREFIX).catch(() => null)].filter((w) => w !== null);
  } catch {
    // services() itself failed (bad configuration): both stay false.
  }
  if (checks.database && checks.redis) return Response.json({ ok: true, live: true, checks, warnings }, { headers: { 'cache-control': 'no-store' } });
  const failing = Object.entries(checks)
    .filter(([, up]) => !up)
    .map(([name]) => name)
    .join(', ');
  return Response.json(
    { ok: false, live: true, checks, error: { code: 'unavailable', message: `Unavailable: ${failing}` } },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
});
