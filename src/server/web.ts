import { eq } from 'drizzle-orm';
import { createDb } from '../db/client';
import { workspaces } from '../db/schema';
import type { SessionUser } from '../domain/accounts/service';
import type { WidgetSettings } from '../domain/settings/schemas-widget';
import { onlineAgentNames, recentFirstResponseSeconds, replyExpectation, type ReplyExpectation } from '../domain/widget/availability';
import type { PrechatForm } from '../widget/prechat-form';
import { env } from '../lib/env';
import { RateLimits, rateLimitsFromEnv } from '../lib/rate-limits';
import { createRedis } from '../lib/redis';
import { compose, type Composition } from './compose';
import { accountEmailServices, type AccountEmailServices } from './account-email';
import { TwoFactor } from '../domain/accounts/two-factor';

export type { SessionUser };

/**
 * The web process's services (route handlers, server components): the same composition root as realtime and
 * worker (src/server/compose.ts), built once per process, plus the web's abuse limits. The one accessor:
 * `services()`. Sockets are reached through the Redis emitter.
 */
export interface WebServices extends Composition {
  /** Abuse limits (sign-in, sign-up, admin API), shared with every node through Redis. */
  limits: RateLimits;
  /** Invitations, password resets and email changes (F15). */
  accountEmail: AccountEmailServices;
  /** Two-factor sign-in for staff (TOTP, recovery codes). */
  twoFactor: TwoFactor;
}

const holder = globalThis as unknown as { __livechatServices?: WebServices };

export function services(): WebServices {
  if (!holder.__livechatServices) {
    const e = env();
    const db = createDb(e.DATABASE_URL);
    const redis = createRedis(e.REDIS_URL);
    const app = compose({
      db,
      redis,
      redisPrefix: e.REDIS_PREFIX,
      authSecret: e.AUTH_SECRET,
      publicWebUrl: e.PUBLIC_WEB_URL,
      allowPrivateWebhookTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    });
    holder.__livechatServices = {
      ...app,
      limits: new RateLimits(redis, e.REDIS_PREFIX, rateLimitsFromEnv(e)),
      accountEmail: accountEmailServices(app, e),
      twoFactor: new TwoFactor(db, e.AUTH_SECRET),
    };
  }
  return holder.__livechatServices;
}

// ------------------------------------------------------------------------------------------- widget loader

export interface WidgetContext {
  workspaceId: string;
  workspaceName: string;
  widget: WidgetSettings;
}

/** The workspace and widget settings behind a widget key, or null for an unknown key. */
export async function widgetContext(widgetKey: string): Promise<WidgetContext | null> {
  const s = services();
  const [workspace] = await s.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.widgetKey, widgetKey));
  if (!workspace) return null;
  return { workspaceId: workspace.id, workspaceName: workspace.name, widget: await s.settings.value(workspace.id, 'widget') };
}

/** The header's "we reply in …" from agents online, working hours and recent first-response times. */
export async function currentReplyExpectation(workspaceId: string, at = new Date()): Promise<ReplyExpectation> {
  const s = services();
  const [onlineAgents, workingHours, firstResponseSeconds] = await Promise.all([
    onlineAgentNames(s.db, s.routing, workspaceId),
    s.settings.value(workspaceId, 'workingHours'),
    recentFirstResponseSeconds(s.db, workspaceId, at),
  ]);
  return replyExpectation({ onlineAgents, workingHours, at, firstResponseSeconds });
}

/** The pre-chat form as the widget iframe shows it (offered groups resolved to names), or null when it is off. */
export async function prechatForm(ctx: WidgetContext): Promise<PrechatForm | null> {
  const { prechat, defaultLanguage } = ctx.widget;
  if (!prechat.enabled) return null;
  const options = await services().prechat.offeredGroups(ctx.workspaceId, prechat);
  const { groupIds: _ids, ...group } = prechat.group;
  return { ...prechat, group: { ...group, options }, defaultLanguage };
}
