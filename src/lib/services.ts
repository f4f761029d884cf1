import type { Redis } from 'ioredis';
import { createDb, type Db } from '../db/client';
import { AccountsService } from '../domain/accounts/service';
import { SettingsService } from '../domain/settings/service';
import { env } from './env';
import { createRedis, RedisKeys } from './redis';

/**
 * Process-wide service container for the web app (route handlers and server components).
 * Realtime and worker processes build their own from the same constructors.
 */
export interface Services {
  db: Db;
  redis: Redis;
  keys: RedisKeys;
  accounts: AccountsService;
  settings: SettingsService;
}

const globalForServices = globalThis as unknown as { __livechatServices?: Services };

export function services(): Services {
  if (!globalForServices.__livechatServices) {
    const e = env();
    const db = createDb(e.DATABASE_URL);
    const redis = createRedis(e.REDIS_URL);
    const keys = new RedisKeys(e.REDIS_PREFIX);
    globalForServices.__livechatServices = {
      db,
      redis,
      keys,
      accounts: new AccountsService(db),
      settings: new SettingsService(db, redis, keys.settingsChannel()),
    };
  }
  return globalForServices.__livechatServices;
}
