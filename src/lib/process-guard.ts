import type { Redis } from 'ioredis';
import { dependencyDown, isUnavailableError } from './dependencies';
import { logger } from './logger';

/**
 * Safety net for long-running processes (realtime, worker): a promise rejected by a dependency outage
 * somewhere nobody awaited must not kill the process (Node's default); it is recorded as the outage it is.
 * Programming errors are logged loudly; uncaught exceptions still exit, and the supervisor restarts.
 */
export function guardProcess(name: string): void {
  process.on('unhandledRejection', (reason) => {
    if (isUnavailableError(reason)) dependencyDown(/redis|ioredis/i.test(String((reason as Error)?.stack ?? '')) ? 'redis' : 'database', reason);
    else logger.error({ err: reason, process: name }, 'unhandled promise rejection');
  });
}

/**
 * BullMQ and the routing state want Redis with AOF persistence and no eviction (an evicted key is a lost
 * queue entry or job). Warn at start when the server is configured otherwise; a server that forbids
 * CONFIG (managed Redis) is only noted.
 */
export async function warnAboutRedisConfig(redis: Redis, name: string): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    if (appendonly !== 'yes') warnings.push(`appendonly is "${appendonly}" (want "yes": a restart loses queues, presence and timers until they are rebuilt)`);
    if (policy !== 'noeviction') warnings.push(`maxmemory-policy is "${policy}" (want "noeviction": evicted keys lose jobs and queue entries)`);
  } catch (error) {
    logger.info({ process: name, error: (error as Error).message }, 'could not read the Redis configuration (CONFIG disabled?); make sure it runs with --appendonly yes --maxmemory-policy noeviction');
    return warnings;
  }
  for (const warning of warnings) logger.warn({ process: name }, `Redis: ${warning}`);
  return warnings;
}

/**
 * A graceful shutdown that hangs (a job stuck on a dependency, a connection that never closes) must not keep
 * a stopped process alive: after `ms` the process logs what it was still doing and exits. Deployments send
 * SIGKILL after their own grace period (npm start: 15 s), so this stays below it.
 */
export function shutdownDeadline(name: string, stage: () => string, ms = 10_000): void {
  setTimeout(() => {
    logger.warn({ process: name, stage: stage() }, `shutdown took over ${ms / 1000} s: exiting now`);
    process.exit(1);
  }, ms).unref();
}
