import { createDb } from '../db/client';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { createRedis } from '../lib/redis';
import { startWorker } from './worker';

const e = env();
const db = createDb(e.DATABASE_URL);
const redis = createRedis(e.REDIS_URL);
const worker = await startWorker(
  {
    redisPrefix: e.REDIS_PREFIX,
    webhooks: { allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS, retryBaseMs: e.WEBHOOK_RETRY_BASE_MS, pollMs: e.WEBHOOK_RELAY_POLL_MS, stalledMs: e.WEBHOOK_STALLED_MS },
  },
  db,
  redis,
);
logger.info('worker started');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker shutting down: finishing running jobs');
  await worker.close();
  await Promise.allSettled([redis.quit(), db.$client.end()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
