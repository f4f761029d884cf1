import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { dependencyDown, dependencyIsUp, dependencyUp, withTimeout } from './dependencies';
import { renderMetrics } from './metrics';

const CHECK_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; redis: boolean };
}

/** Checks PostgreSQL (select 1) and Redis (ping) once, each bounded, and records the result. */
export async function checkDependencies(db: Db, redis: Redis): Promise<Readiness> {
  const [database, cache] = await Promise.allSettled([
    withTimeout(db.execute(sql`select 1`), CHECK_TIMEOUT_MS, 'database'),
    withTimeout(redis.ping(), CHECK_TIMEOUT_MS, 'redis'),
  ]);
  if (database.status === 'fulfilled') dependencyUp('database');
  else dependencyDown('database', database.reason);
  if (cache.status === 'fulfilled') dependencyUp('redis');
  else dependencyDown('redis', cache.reason);
  const checks = { database: database.status === 'fulfilled', redis: cache.status === 'fulfilled' };
  return { ready: checks.database && checks.redis, checks };
}

/**
 * Re-checks the dependencies every few seconds so an outage's end is noticed (and logged) even when no
 * traffic arrives, and so readiness answers from memory without a query per probe.
 */
export function startDependencyProbe(db: Db, redis: Redis, everyMs = 2_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void checkDependencies(db, redis).finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

export function currentReadiness(): Readiness {
  const checks = { database: dependencyIsUp('database'), redis: dependencyIsUp('redis') };
  return { ready: checks.database && checks.redis, checks };
}

/**
 * Health and metrics routes of the plain HTTP servers (realtime, worker):
 *   /health/live   200 while the process runs (restart it only when this fails);
 *   /health/ready  200 when PostgreSQL and Redis answer, else 503 (route traffic elsewhere); `warnings`
 *                  lists what an operator should fix without it being an outage (e.g. an untrusted proxy);
 *   /health        both, 200/503 like ready (kept for existing checks);
 *   /metrics       Prometheus text format.
 * Returns false for other paths.
 */
export function serveOps(req: IncomingMessage, res: ServerResponse, extra: Record<string, unknown> = {}, warnings: () => unknown[] = () => []): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/health/live') {
    send(res, 200, { ok: true, live: true, ...extra });
    return true;
  }
  if (path === '/health/ready' || path === '/health') {
    const readiness = currentReadiness();
    send(res, readiness.ready ? 200 : 503, { ok: readiness.ready, live: true, ...readiness, warnings: warnings(), ...extra });
    return true;
  }
  if (path === '/metrics') {
    void renderMetrics().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500).end(),
    );
    return true;
  }
  return false;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
