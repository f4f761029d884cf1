import type { Redis } from 'ioredis';
import { createDb, type Db } from '../db/client';
import { Queue } from 'bullmq';
import { AccountsService } from '../domain/accounts/service';
import { loadRoutingProfiles } from '../domain/accounts/routing-profile';
import { ChatService } from '../domain/chat/service';
import { ConversationService } from '../domain/conversations/service';
import { RoutingEngine } from '../domain/routing/engine';
import { SettingsService } from '../domain/settings/service';
import { SubmissionService } from '../domain/submissions/service';
import { bullChatTimers, CHAT_TIMERS_QUEUE, type ChatTimerJob } from '../worker/jobs';
import { emitterNotifier } from '../worker/notifier';
import type { ChatNotifier } from '../domain/chat/notifier';
import type { ChatTimers } from '../domain/chat/timers';
import { crmFor, type CrmServices } from './crm';
import { env } from './env';
import { guardEmitter } from './dependencies';
import type { AttachmentService } from '../domain/attachments/service';
import { attachmentService } from '../infra/storage/config';
import { RateLimits, rateLimitsFromEnv } from './rate-limits';
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
  conversations: ConversationService;
  routing: RoutingEngine;
  /** Chat domain for the web process: notifies sockets through the Redis emitter. */
  chat: ChatService;
  /** Durable chat timers (BullMQ) and the socket notifier (Redis emitter) of this process, shared by its services. */
  timers: ChatTimers;
  notifier: ChatNotifier;
  submissions: SubmissionService;
  /** Attachments (F11): uploads, signed download links, history decoration. */
  attachments: AttachmentService;
  /** Abuse limits (sign-in, sign-up, admin API), shared with every node through Redis. */
  limits: RateLimits;
}

const globalForServices = globalThis as unknown as { __livechatServices?: Services };

export function services(): Services {
  if (!globalForServices.__livechatServices) {
    const e = env();
    const db = createDb(e.DATABASE_URL);
    const redis = createRedis(e.REDIS_URL);
    const keys = new RedisKeys(e.REDIS_PREFIX);
    const settings = new SettingsService(db, redis, keys.settingsChannel());
    const conversations = new ConversationService(db);
    const attachments = attachmentService(db, settings, e.AUTH_SECRET, e.PUBLIC_WEB_URL);
    conversations.withAttachments((w, c, page) => attachments.decorate(w, c, page));
    const routing = new RoutingEngine(redis, e.REDIS_PREFIX);
    const submissions = new SubmissionService(db, redis, settings, e.REDIS_PREFIX);
    const notifier = emitterNotifier(redis, keys.socketIoAdapter());
    const timers = bullChatTimers(guardEmitter(new Queue<ChatTimerJob>(CHAT_TIMERS_QUEUE, { connection: redis, prefix: keys.bullPrefix() }), 'chat timers queue'), redis);
    globalForServices.__livechatServices = {
      db,
      redis,
      keys,
      accounts: new AccountsService(db),
      settings,
      conversations,
      routing,
      chat: new ChatService(conversations, routing, settings, notifier, timers).attachSubmissions(submissions),
      timers,
      notifier,
      submissions,
      attachments,
      limits: new RateLimits(redis, e.REDIS_PREFIX, rateLimitsFromEnv(e)),
    };
  }
  const container = globalForServices.__livechatServices;
  crmFor(container); // F8/F9: rating invitations and end-of-chat timers for chats ended from the web process
  return container;
}

/** CRM (customers) and satisfaction services of the web process. */
export function crm(): CrmServices {
  return crmFor(services());
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
