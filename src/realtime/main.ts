import { createDb } from '../db/client';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { createRedis } from '../lib/redis';
import { startRealtimeServer } from './server';

const e = env();
const db = createDb(e.DATABASE_URL, { max: 20 });
const redis = createRedis(e.REDIS_URL);
const server = await startRealtimeServer(
  {
    authSecret: e.AUTH_SECRET,
    redisPrefix: e.REDIS_PREFIX,
    corsOrigins: [new URL(e.PUBLIC_WEB_URL).origin],
    presenceGraceSeconds: e.PRESENCE_GRACE_SECONDS,
    port: e.REALTIME_PORT,
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
  await server.close();
  await Promise.allSettled([redis.quit(), db.$client.end()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
