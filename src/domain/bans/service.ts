import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { users, visitorBans, visitorDevices, visitors } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';

export interface BanDto {
  id: string;
  visitorId: string | null;
  visitorName: string | null;
  ip: string | null;
  reason: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
  active: boolean;
}

/** Durations offered in the UI, in minutes; null = permanent. */
export const BAN_DURATIONS = [60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60, null] as const;

export const BanInput = z.object({
  visitorId: z.uuid(),
  reason: z.string().trim().min(1, 'Give a reason').max(500, 'Reasons are at most 500 characters'),
  /** Minutes; null = until lifted. */
  durationMinutes: z.number().int().positive().max(365 * 24 * 60).nullable(),
});

/** What a banned visitor is told: neutral, says nothing about a ban. */
export const BANNED_NOTICE = 'Chat is not available at the moment.';

const active = () => and(isNull(visitorBans.liftedAt), or(isNull(visitorBans.expiresAt), gt(visitorBans.expiresAt, sql`now()`)));

/**
 * Visitor bans (issue 15 item 7): by visitor id and the IP last seen for that visitor. Checked at every
 * visitor handshake and chat start; stored in PostgreSQL, so every realtime node sees the same answer.
 */
export class BanService {
  constructor(private readonly db: Db) {}

  async ban(workspaceId: string, raw: unknown, by: string): Promise<BanDto> {
    const parsed = BanInput.safeParse(raw);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'ban');
    const input = parsed.data;
    const [visitor] = await this.db
      .select({ id: visitors.id, ip: visitorDevices.ip })
      .from(visitors)
      .leftJoin(visitorDevices, eq(visitorDevices.visitorId, visitors.id))
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, input.visitorId)));
    if (!visitor) throw new AppError('not_found', 'Visitor not found');
    const expiresAt = input.durationMinutes ? new Date(Date.now() + input.durationMinutes * 60_000) : null;
    const [row] = await this.db
      .insert(visitorBans)
      .values({ workspaceId, visitorId: visitor.id, ip: visitor.ip ?? null, reason: input.reason, createdBy: by, expiresAt })
      .returning({ id: visitorBans.id });
    return (await this.list(workspaceId, row.id))[0];
  }

  /** Whether a visitor (by id) or a device (by IP) is banned now. */
  async isBanned(workspaceId: string, who: { visitorId?: string | null; ip?: string | null }): Promise<boolean> {
    const match = [who.visitorId ? eq(visitorBans.visitorId, who.visitorId) : undefined, who.ip ? eq(visitorBans.ip, who.ip) : undefined].filter(Boolean);
    if (!match.length) return false;
    const [row] = await this.db
      .select({ id: visitorBans.id })
      .from(visitorBans)
      .where(and(eq(visitorBans.workspaceId, workspaceId), or(...match), active()))
      .limit(1);
    return Boolean(row);
  }

  /** Bans of the workspace, newest first (active and past); one when `id` is given. */
  async list(workspaceId: string, id?: string): Promise<BanDto[]> {
    const rows = await this.db
      .select({ b: visitorBans, visitorName: visitors.name, createdByName: users.name, active: sql<boolean>`${active()}` })
      .from(visitorBans)
      .leftJoin(visitors, eq(visitors.id, visitorBans.visitorId))
      .leftJoin(users, eq(users.id, visitorBans.createdBy))
      .where(and(eq(visitorBans.workspaceId, workspaceId), id ? eq(visitorBans.id, id) : undefined))
      .orderBy(desc(visitorBans.createdAt))
      .limit(200);
    return rows.map(({ b, visitorName, createdByName, active: isActive }) => ({
      id: b.id,
      visitorId: b.visitorId,
      visitorName,
      ip: b.ip,
      reason: b.reason,
      createdByName,
      createdAt: b.createdAt.toISOString(),
      expiresAt: b.expiresAt?.toISOString() ?? null,
      liftedAt: b.liftedAt?.toISOString() ?? null,
      active: Boolean(isActive),
    }));
  }

  async lift(workspaceId: string, id: string, by: string): Promise<BanDto> {
    const lifted = await this.db
      .update(visitorBans)
      .set({ liftedAt: new Date(), liftedBy: by })
      .where(and(eq(visitorBans.workspaceId, workspaceId), eq(visitorBans.id, id), isNull(visitorBans.liftedAt)))
      .returning({ id: visitorBans.id });
    if (!lifted.length) throw new AppError('not_found', 'That ban does not exist or was already lifted');
    return (await this.list(workspaceId, id))[0];
  }
}
