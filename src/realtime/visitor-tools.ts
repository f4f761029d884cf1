import type { Socket } from 'socket.io';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { AgentTools } from '../server/compose';
import { onVisitor } from './handler';
import { ChosenLanguage } from './protocol-email';

/**
 * Visitor side of the agent tools (issue 15): the device recorded for the context panel (the ban check of
 * the handshake is part of domain/visitors/identity.ts), and `visitor.page` (the widget reports page views, fire-and-forget).
 */

/** Optional device hints in the handshake `auth` (the widget may send them; all capped, bad ones ignored). */
const DeviceAuth = z.object({
  timeZone: z.string().max(64).regex(/^[A-Za-z0-9_+\-/]+$/).optional().catch(undefined),
  language: z.string().max(35).optional().catch(undefined),
  /** The language the site chose for the widget (embed `data-lang`, `setLanguage`); absent: none. */
  widgetLanguage: ChosenLanguage.optional().catch(undefined),
});

/** At most this many page reports per socket per minute; the rest are dropped (it is only context). */
const PAGES_PER_MINUTE = 30;

/**
 * After the handshake: remembers the device (user agent, language, time zone, IP) and counts the visit.
 * `ip` is the client address as the rate limits and bans see it (X-Forwarded-For only from TRUSTED_PROXIES).
 */
export async function recordDevice(tools: AgentTools, socket: Socket, workspaceId: string, visitorId: string, ip: string | null): Promise<void> {
  const hints = DeviceAuth.parse(socket.handshake.auth ?? {});
  const acceptLanguage = String(socket.handshake.headers['accept-language'] ?? '').split(',')[0]?.trim() || null;
  await tools.context
    .recordDevice(workspaceId, visitorId, {
      userAgent: String(socket.handshake.headers['user-agent'] ?? '') || null,
      language: hints.language ?? acceptLanguage,
      widgetLanguage: hints.widgetLanguage ?? null,
      timeZone: hints.timeZone ?? null,
      ip,
    })
    .catch((error) => logger.error({ err: error }, 'visitor device record failed'));
}

export function registerVisitorTools(socket: Socket, tools: AgentTools, workspaceId: string, visitorId: string): void {
  let windowStart = Date.now();
  let count = 0;
  onVisitor(socket, 'visitor.page', async (page) => {
    const now = Date.now();
    if (now - windowStart > 60_000) {
      windowStart = now;
      count = 0;
    }
    if (++count > PAGES_PER_MINUTE) throw new AppError('rate_limited', 'Too many page reports, slow down');
    return tools.context.recordPage(workspaceId, visitorId, { url: page.url, title: page.title ?? null, referrer: page.referrer || null });
  });
}
