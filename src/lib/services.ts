import { loadRoutingProfiles } from '../domain/accounts/routing-profile';
import type { ChatAftercare } from '../domain/chat/aftercare';
import type { CustomerService } from '../domain/crm/service';
import type { SatisfactionService } from '../domain/satisfaction/service';
import { compose, type Composition } from '../server/compose';
import { env } from './env';
import { RateLimits, rateLimitsFromEnv } from './rate-limits';
import { createRedis } from './redis';
import { createDb } from '../db/client';

/**
 * The web app's services (route handlers and server components): the process's composition
 * (src/server/compose.ts, shared with realtime and worker), built once, plus the web's abuse limits.
 * Sockets are reached through the Redis emitter.
 */
export interface Services extends Composition {
  /** Abuse limits (sign-in, sign-up, admin API), shared with every node through Redis. */
  limits: RateLimits;
}

const globalForServices = globalThis as unknown as { __livechatServices?: Services };

export function services(): Services {
  if (!globalForServices.__livechatServices) {
    const e = env();
    const db = createDb(e.DATABASE_URL);
    const redis = createRedis(e.REDIS_URL);
    const app = compose({ db, redis, redisPrefix: e.REDIS_PREFIX, authSecret: e.AUTH_SECRET, publicWebUrl: e.PUBLIC_WEB_URL });
    globalForServices.__livechatServices = { ...app, limits: new RateLimits(redis, e.REDIS_PREFIX, rateLimitsFromEnv(e)) };
  }
  return globalForServices.__livechatServices;
}

/** CRM (customers) and satisfaction services of the web process. */
export function crm(): { customers: CustomerService; satisfaction: SatisfactionService; aftercare: ChatAftercare } {
  const { customers, satisfaction, chat } = services();
  return { customers, satisfaction, aftercare: chat.aftercare };
}

/**
 * Applies console changes to live routing at once: limits (override or workspace default), groups and
 * deactivation, then lets the queue move. All agents of the workspace when `agentIds` is omitted.
 */
export async function syncRouting(workspaceId: string, agentIds?: string[]): Promise<void> {
  const { db, chat } = services();
  const profiles = (await loadRoutingProfiles(db, workspaceId)).filter((p) => !agentIds || agentIds.includes(p.id));
  await chat.refreshAgents(workspaceId, profiles);
}
