import { createDb } from '../db/client';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { watchPool } from '../lib/metrics';
import { startDependencyProbe } from '../lib/probe';
import { guardProcess, shutdownDeadline, warnAboutRedisConfig } from '../lib/process-guard';
import { rateLimitsFromEnv } from '../lib/rate-limits';
import { createRedis } from '../lib/redis';
import { startRealtimeServer } from './server';

guardProcess('realtime');
const e = env();
const db = createDb(e.DATABASE_URL, { max: 20 });
const redis = createRedis(e.REDIS_URL);
watchPool(db.$client);
void warnAboutRedisConfig(redis, 'realtime');
const probe = startDependencyProbe(db, redis);
const server = await startRealtimeServer(
  {
    authSecret: e.AUTH_SECRET,
    redisPrefix: e.REDIS_PREFIX,
    corsOrigins: [new URL(e.PUBLIC_WEB_URL).origin],
    presenceGraceSeconds: e.PRESENCE_GRACE_SECONDS,
    heartbeatTtlSeconds: e.NODE_HEARTBEAT_TTL_SECONDS,
    port: e.REALTIME_PORT,
    rateLimits: rateLimitsFromEnv(e),
    trustedProxies: e.TRUSTED_PROXIES,
    addressWarningVisitors: e.PROXY_WARNING_VISITORS,
    publicWebUrl: e.PUBLIC_WEB_URL,
  },
  db,
  redis,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'realtime shutting down');
  let stage = 'closing sockets and the Socket.IO server';
  shutdownDeadline('realtime', () => stage);
  probe.stop();
  await server.close();
  stage = 'closing Redis and PostgreSQL connections';
  await Promise.allSettled([redis.quit(), db.$client.end()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
