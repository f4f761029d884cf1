import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { agentStatusLog } from '../db/schema';
import { ChatService } from '../domain/chat/service';
import { ConversationService } from '../domain/conversations/service';
import { RoutingEngine } from '../domain/routing/engine';
import { SettingsService } from '../domain/settings/service';
import { logger } from '../lib/logger';
import { RedisKeys } from '../lib/redis';
import { PRESENCE_QUEUE, type PresenceGraceJob } from './jobs';
import { emitterNotifier } from './notifier';

export interface WorkerConfig {
  redisPrefix: string;
  concurrency?: number;
}

export interface WorkerHandle {
  /** Waits for running jobs to finish, then stops. */
  close(): Promise<void>;
}

/** Starts every BullMQ processor of the product against the given database and Redis. */
export async function startWorker(config: WorkerConfig, db: Db, redis: Redis): Promise<WorkerHandle> {
  const keys = new RedisKeys(config.redisPrefix);
  const settingsSub = redis.duplicate();
  const settings = new SettingsService(db, redis, keys.settingsChannel());
  await settings.listen(settingsSub);
  const routing = new RoutingEngine(redis, config.redisPrefix);
  const chat = new ChatService(new ConversationService(db), routing, settings, emitterNotifier(redis, keys.socketIoAdapter()));

  const presence = new Worker<PresenceGraceJob>(
    PRESENCE_QUEUE,
    async (job) => {
      const { workspaceId, agentId } = job.data;
      // The agent may have reconnected on any node since the timer was set.
      if ((await routing.socketCount(workspaceId, agentId)) > 0) return { skipped: 'reconnected' };
      const current = await routing.agent(workspaceId, agentId);
      if (!current || current.status === 'offline') return { skipped: 'already offline' };
      await chat.setAgentStatus(workspaceId, agentId, 'offline');
      await db.insert(agentStatusLog).values({ workspaceId, userId: agentId, status: 'offline', reason: 'disconnected' });
      logger.info({ workspaceId, agentId }, 'agent marked offline after grace period');
      return { offline: true };
    },
    { connection: redis.duplicate(), prefix: keys.bullPrefix(), concurrency: config.concurrency ?? 10 },
  );
  presence.on('failed', (job, err) => logger.error({ err, jobId: job?.id }, 'presence job failed'));

  return {
    async close() {
      await presence.close();
      await settingsSub.quit().catch(() => {});
    },
  };
}
