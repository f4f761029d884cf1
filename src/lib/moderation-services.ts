import type { ModerationService } from '../domain/moderation/service';
import type { MonitoringService } from '../domain/monitoring/service';
import { services } from './services';

/**
 * Sensitive-word lists and monitoring queries for the web process (console route handlers and pages).
 * The web process never screens messages, so it does not listen for list changes: they are published to
 * every realtime node, which rebuild their matchers.
 */
export function moderationServices(): { moderation: ModerationService; monitoring: MonitoringService } {
  const { moderation, monitoring } = services();
  return { moderation, monitoring };
}
