import { ModerationService, moderationChannel } from '../domain/moderation/service';
import { MonitoringService } from '../domain/monitoring/service';
import { services } from './services';

/**
 * Sensitive-word lists and monitoring queries for the web process (console route handlers and pages).
 * The web process keeps no compiled matcher (it never screens messages): list changes are published to
 * every realtime node, which rebuild theirs.
 */
export function moderationServices(): { moderation: ModerationService; monitoring: MonitoringService } {
  const holder = globalThis as unknown as { __livechatModeration?: { moderation: ModerationService; monitoring: MonitoringService } };
  if (!holder.__livechatModeration) {
    const { db, redis, keys, settings, routing, conversations } = services();
    holder.__livechatModeration = {
      moderation: new ModerationService(db, redis, moderationChannel(keys.prefix), settings),
      monitoring: new MonitoringService(db, routing, conversations, settings),
    };
  }
  return holder.__livechatModeration;
}
