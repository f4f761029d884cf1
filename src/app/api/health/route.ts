import { sql } from 'drizzle-orm';
import { services } from '../../../lib/services';

export const dynamic = 'force-dynamic';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** GET /api/health: 200 { ok: true } when PostgreSQL (select 1) and Redis (ping) answer, else 503. */
export async function GET(): Promise<Response> {
  const checks = { database: false, redis: false };
  try {
    const s = services();
    const [db, redis] = await Promise.allSettled([
      withTimeout(s.db.execute(sql`select 1`), 2000, 'database'),
      withTimeout(s.redis.ping(), 2000, 'redis'),
    ]);
    checks.database = db.status === 'fulfilled';
    checks.redis = redis.status === 'fulfilled' && redis.value === 'PONG';
  } catch {
    // services() itself failed (bad configuration): both stay false.
  }
  if (checks.database && checks.redis) return Response.json({ ok: true, checks }, { headers: { 'cache-control': 'no-store' } });
  const failing = Object.entries(checks)
    .filter(([, up]) => !up)
    .map(([name]) => name)
    .join(', ');
  return Response.json(
    { ok: false, checks, error: { code: 'internal', message: `Unavailable: ${failing}` } },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
}
