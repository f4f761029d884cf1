import { createServer } from 'node:http';
import { createDb } from '../db/client';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { watchPool } from '../lib/metrics';
import { serveOps, startDependencyProbe } from '../lib/probe';
import { guardProcess, shutdownDeadline, warnAboutRedisConfig } from '../lib/process-guard';
import { createRedis } from '../lib/redis';
import { startWorker } from './worker';

guardProcess('worker');
const e = env();
const db = createDb(e.DATABASE_URL);
const redis = createRedis(e.REDIS_URL);
watchPool(db.$client);
void warnAboutRedisConfig(redis, 'worker');
const probe = startDependencyProbe(db, redis);
const worker = await startWorker(
  {
    redisPrefix: e.REDIS_PREFIX,
    authSecret: e.AUTH_SECRET,
    publicWebUrl: e.PUBLIC_WEB_URL,
    email: {
      smtpUrl: e.SMTP_URL,
      fromAddress: e.MAIL_FROM,
      retryBaseMs: e.EMAIL_RETRY_BASE_MS,
      maxAttempts: e.EMAIL_MAX_ATTEMPTS,
      pollMs: e.EMAIL_RELAY_POLL_MS,
      stalledMs: e.EMAIL_STALLED_MS,
      sendTimeoutMs: e.EMAIL_SEND_TIMEOUT_MS,
    },
    webhooks: { allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS, retryBaseMs: e.WEBHOOK_RETRY_BASE_MS, pollMs: e.WEBHOOK_RELAY_POLL_MS, stalledMs: e.WEBHOOK_STALLED_MS },
  },
  db,
  redis,
);

// Health and Prometheus metrics on a small port of its own (the worker has no other HTTP server).
const opsPort = e.WORKER_METRICS_PORT ?? (e.REALTIME_PORT > 0 ? e.REALTIME_PORT + 1 : 0);
const ops = createServer((req, res) => {
  if (!serveOps(req, res, { process: 'worker' })) res.writeHead(404).end();
});
if (opsPort > 0) {
  ops.on('error', (error) => logger.warn({ port: opsPort, error: error.message }, 'worker metrics port unavailable; metrics are off'));
  ops.listen(opsPort, '0.0.0.0', () => logger.info({ port: opsPort }, 'worker metrics listening'));
}
logger.info('worker started');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker shutting down: finishing running jobs');
  let stage = 'closing the workers (running jobs finish)';
  shutdownDeadline('worker', () => stage);
  probe.stop();
  ops.close();
  await worker.close();
  stage = 'closing Redis and PostgreSQL connections';
  await Promise.allSettled([redis.quit(), db.$client.end()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
