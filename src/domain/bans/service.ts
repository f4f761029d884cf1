import { and, desc, eq, gt, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { users, visitorBans, visitorDevices, visitors } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { revokeVisitorTokens } from '../security/sessions';

export interface BanDto {
  id: string;
  /** 'visitor': this visitor, whatever their address; 'address': every new visitor from `ip` (expires). */
  kind: 'visitor' | 'address';
  /** The banned visitor, or for an address ban the visitor whose address it was. */
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

/** An address ban lasts this long unless the dialog says otherwise (an address is shared and reassigned). */
export const ADDRESS_BAN_DEFAULT_MINUTES = 24 * 60;
/** Address bans never last longer than this (no permanent address bans). */
export const ADDRESS_BAN_MAX_MINUTES = 30 * 24 * 60;
/** "Other visitors seen from this address" looks this far back. */
const ADDRESS_SEEN_DAYS = 30;

export const BanInput = z.object({
  visitorId: z.uuid(),
  reason: z.string().trim().min(1, 'Give a reason').max(500, 'Reasons are at most 500 characters'),
  /** Minutes; null = until lifted. */
  durationMinutes: z.number().int().positive().max(365 * 24 * 60).nullable(),
  /** Also ban the visitor's last address: an explicit, separate choice, and always temporary. */
  address: z
    .object({ minutes: z.number().int().positive().max(ADDRESS_BAN_MAX_MINUTES, 'An address can be banned for at most 30 days').default(ADDRESS_BAN_DEFAULT_MINUTES) })
    .nullable()
    .default(null),
});

/** What the ban dialog shows before an address ban is confirmed. */
export interface AddressPreview {
  /** The visitor's last address; null when none was recorded (the address choice is then unavailable). */
  ip: string | null;
  /** Other visitors of the workspace last seen from that address in the last 30 days. */
  otherVisitors: number;
}

/** What a banned visitor is told: neutral, says nothing about a ban. */
export const BANNED_NOTICE = 'Chat is not available at the moment.';

const active = () => and(isNull(visitorBans.liftedAt), or(isNull(visitorBans.expiresAt), gt(visitorBans.expiresAt, sql`now()`)));

/**
 * Visitor bans (issue 15 item 7, issue 22): a ban targets the visitor (a row without `ip`) and revokes
 * their tokens; banning their address is a separate, explicit and always temporary choice (a row with
 * `ip`, whose `visitor_id` only records whose address it was). Behind a proxy or a NAT one address is many
 * people, so the dialog shows how many other visitors were seen from it first. Checked at every visitor
 * handshake (domain/security/visitor-gate.ts, the same two rules in SQL); stored in PostgreSQL, so every
 * realtime node sees the same answer.
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
    if (input.address && !visitor.ip) throw new AppError('bad_request', 'No address was recorded for this visitor, so it cannot be banned; ban the visitor alone');
    const at = Date.now();
    const expiresAt = input.durationMinutes ? new Date(at + input.durationMinutes * 60_000) : null;
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(visitorBans)
        .values({ workspaceId, visitorId: visitor.id, ip: null, reason: input.reason, createdBy: by, expiresAt })
        .returning({ id: visitorBans.id });
      if (input.address) {
        await tx.insert(visitorBans).values({ workspaceId, visitorId: visitor.id, ip: visitor.ip, reason: input.reason, createdBy: by, expiresAt: new Date(at + input.address.minutes * 60_000) });
      }
      // Every token issued to the visitor stops working, also after the ban ends (docs/security.md).
      await revokeVisitorTokens(tx, workspaceId, visitor.id);
      return row.id;
    });
    return (await this.list(workspaceId, id))[0];
  }

  /** The visitor's last address and how many other visitors were seen from it in the last 30 days. */
  async addressPreview(workspaceId: string, visitorId: string): Promise<AddressPreview> {
    const [device] = await this.db
      .select({ ip: visitorDevices.ip })
      .from(visitorDevices)
      .where(and(eq(visitorDevices.workspaceId, workspaceId), eq(visitorDevices.visitorId, visitorId)));
    if (!device?.ip) return { ip: null, otherVisitors: 0 };
    const [{ n }] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(visitorDevices)
      .where(and(
        eq(visitorDevices.workspaceId, workspaceId),
        eq(visitorDevices.ip, device.ip),
        ne(visitorDevices.visitorId, visitorId),
        sql`${visitorDevices.updatedAt} > now() - make_interval(days => ${ADDRESS_SEEN_DAYS})`,
      ));
    return { ip: device.ip, otherVisitors: n };
  }

  /** Whether a visitor (visitor ban) or an address (address ban) is banned now. */
  async isBanned(workspaceId: string, who: { visitorId?: string | null; ip?: string | null }): Promise<boolean> {
    const match = [
      who.visitorId ? and(isNull(visitorBans.ip), eq(visitorBans.visitorId, who.visitorId)) : undefined,
      who.ip ? and(isNotNull(visitorBans.ip), eq(visitorBans.ip, who.ip)) : undefined,
    ].filter(Boolean);
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
      kind: b.ip ? ('address' as const) : ('visitor' as const),
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
