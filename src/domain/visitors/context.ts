import Bowser from 'bowser';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { conversations, users, visitorDevices, visitorPages, visitors } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { DeviceRecorder, type DeviceHints } from './device-recorder';

export type { DeviceHints };
import type { PrechatRecord } from '../widget/prechat-record';


export interface VisitorContextDto {
  visitor: { id: string; name: string | null; email: string | null; phone: string | null; notes: string | null; firstSeenAt: string; lastSeenAt: string };
  /** The widget's pre-chat form answers (issue 14), null when never filled in. */
  prechat: PrechatRecord | null;
  device: { browser: string | null; os: string | null; type: string | null; language: string | null; timeZone: string | null; visits: number } | null;
  /** Pages of the current session, newest first (the first one is the current page). */
  pages: { url: string; title: string | null; referrer: string | null; at: string }[];
  previous: { id: string; status: string; agentName: string | null; startedAt: string; endedAt: string | null }[];
}

export const ProfileInput = z.object({
  name: z.string().trim().max(100, 'Names are at most 100 characters').nullable(),
  email: z.union([z.literal(''), z.email('Enter a valid email address').max(200)]).nullable(),
  phone: z.string().trim().max(50, 'Phone numbers are at most 50 characters').regex(/^[0-9+()\-.\s]*$/, 'Use digits, spaces and + ( ) - only').nullable(),
  notes: z.string().trim().max(2000, 'Notes are at most 2000 characters').nullable(),
});

const SESSION_PAGES = 50;

/** Browser, OS and device type from a user agent (bowser); nulls when unknown. */
export function describeUserAgent(userAgent: string | null): { browser: string | null; os: string | null; type: string | null } {
  if (!userAgent) return { browser: null, os: null, type: null };
  const parsed = Bowser.parse(userAgent);
  const join = (name?: string, version?: string) => (name ? [name, version?.split('.').slice(0, 2).join('.')].filter(Boolean).join(' ') : null);
  return { browser: join(parsed.browser.name, parsed.browser.version), os: join(parsed.os.name, parsed.os.versionName ?? parsed.os.version), type: parsed.platform.type ?? null };
}

/**
 * Visitor context for the agent's side panel (issue 15 item 6): device and visits (recorded at the
 * handshake), pages of this session (`visitor.page`), previous conversations, and the editable profile.
 */
export class VisitorContextService {
  constructor(
    private readonly db: Db,
    /** Told about page views, so the console's checklist can say where the widget was first seen. */
    private readonly widgetSeen?: { recordWidgetSeen(workspaceId: string, url: string): Promise<void> },
  ) {
    this.devices = new DeviceRecorder(db);
  }

  /** Handshakes' device records, batched (device-recorder.ts). */
  private readonly devices: DeviceRecorder;

  /** At every visitor handshake: the device, and one more visit when the last one was a while ago. */
  recordDevice(workspaceId: string, visitorId: string, hints: DeviceHints): Promise<void> {
    return this.devices.record(workspaceId, visitorId, hints);
  }

  /** The widget language the site switched to (`visitor.language`): visitor emails use it (F15). */
  async recordWidgetLanguage(workspaceId: string, visitorId: string, lang: string): Promise<void> {
    await this.db
      .insert(visitorDevices)
      .values({ visitorId, workspaceId, widgetLanguage: lang })
      .onConflictDoUpdate({ target: visitorDevices.visitorId, set: { widgetLanguage: lang }, setWhere: eq(visitorDevices.workspaceId, workspaceId) });
  }

  /** Writes pending device records now (shutdown). */
  flushDevices(): Promise<void> {
    return this.devices.flush();
  }

  /**
   * A page view, in the visitor's current visit (reloads and SPA navigation stay in one visit). Returns the
   * page views of this visit so far, this one included: the widget lives in a frame that a multi-page site
   * reloads on every page, so only the server can count them (greetings "after N pages").
   */
  async recordPage(workspaceId: string, visitorId: string, page: { url: string; title?: string | null; referrer?: string | null }): Promise<{ pagesVisited: number }> {
    const { rows } = await this.db.execute<{ n: number }>(sql`
      with visit as (select coalesce((select ${visitorDevices.visits}::text from ${visitorDevices} where ${visitorDevices.visitorId} = ${visitorId}), '1') as id),
      added as (
        insert into ${visitorPages} (workspace_id, visitor_id, session_id, url, title, referrer)
        select ${workspaceId}, ${visitorId}, visit.id, ${page.url}, ${page.title ?? null}, ${page.referrer ?? null} from visit returning 1
      )
      select (select count(*) from ${visitorPages} p, visit where p.visitor_id = ${visitorId} and p.session_id = visit.id)::int + (select count(*) from added)::int as n`);
    await this.widgetSeen?.recordWidgetSeen(workspaceId, page.url);
    return { pagesVisited: rows[0].n };
  }

  async context(workspaceId: string, visitorId: string, currentConversationId: string | null): Promise<VisitorContextDto> {
    const [visitor] = await this.db
      .select({ id: visitors.id, name: visitors.name, email: visitors.email, phone: visitors.phone, notes: visitors.notes, firstSeenAt: visitors.createdAt, lastSeenAt: visitors.lastSeenAt, prechat: visitors.prechat })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
    if (!visitor) throw new AppError('not_found', 'Visitor not found');
    const [[device], [latest], previous] = await Promise.all([
      this.db.select().from(visitorDevices).where(eq(visitorDevices.visitorId, visitorId)),
      this.db.select({ sessionId: visitorPages.sessionId }).from(visitorPages).where(eq(visitorPages.visitorId, visitorId)).orderBy(desc(visitorPages.id)).limit(1),
      this.db
        .select({ id: conversations.id, status: conversations.status, agentName: users.name, startedAt: conversations.startedAt, endedAt: conversations.endedAt })
        .from(conversations)
        .leftJoin(users, eq(users.id, conversations.agentId))
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, visitorId), currentConversationId ? ne(conversations.id, currentConversationId) : undefined))
        .orderBy(desc(conversations.startedAt))
        .limit(20),
    ]);
    const pages = latest
      ? await this.db
          .select({ url: visitorPages.url, title: visitorPages.title, referrer: visitorPages.referrer, at: visitorPages.createdAt })
          .from(visitorPages)
          .where(and(eq(visitorPages.visitorId, visitorId), eq(visitorPages.sessionId, latest.sessionId)))
          .orderBy(desc(visitorPages.id))
          .limit(SESSION_PAGES)
      : [];
    return {
      visitor: { id: visitor.id, name: visitor.name, email: visitor.email, phone: visitor.phone, notes: visitor.notes, firstSeenAt: visitor.firstSeenAt.toISOString(), lastSeenAt: visitor.lastSeenAt.toISOString() },
      prechat: visitor.prechat ?? null,
      device: device ? { ...describeUserAgent(device.userAgent), language: device.language, timeZone: device.timeZone, visits: device.visits } : null,
      pages: pages.map((p) => ({ ...p, at: p.at.toISOString() })),
      previous: previous.map((c) => ({ ...c, startedAt: c.startedAt.toISOString(), endedAt: c.endedAt?.toISOString() ?? null })),
    };
  }

  /** The agent edits the customer profile (name, email, phone, notes). Empty strings clear a field. */
  async updateProfile(workspaceId: string, visitorId: string, raw: z.input<typeof ProfileInput>): Promise<VisitorContextDto['visitor']> {
    const parsed = ProfileInput.safeParse(raw);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'profile');
    const blank = (v: string | null) => (v && v.trim() ? v.trim() : null);
    const [row] = await this.db
      .update(visitors)
      .set({ name: blank(parsed.data.name), email: blank(parsed.data.email), phone: blank(parsed.data.phone), notes: blank(parsed.data.notes) })
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)))
      .returning({ id: visitors.id, name: visitors.name, email: visitors.email, phone: visitors.phone, notes: visitors.notes, firstSeenAt: visitors.createdAt, lastSeenAt: visitors.lastSeenAt });
    if (!row) throw new AppError('not_found', 'Visitor not found');
    return { ...row, firstSeenAt: row.firstSeenAt.toISOString(), lastSeenAt: row.lastSeenAt.toISOString() };
  }
}
