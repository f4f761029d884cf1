import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users, visitors, type Role } from '../../db/schema';

/** The account as it is now: what every staff handshake and privileged socket action is checked against. */
export interface StaffAccount {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  sessionVersion: number;
}

export async function loadStaffAccount(db: Db, workspaceId: string, userId: string): Promise<StaffAccount | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  return row ?? null;
}

/** The visitor's current token version, or null when the visitor does not exist in this workspace. */
export async function visitorTokenVersion(db: Db, workspaceId: string, visitorId: string): Promise<number | null> {
  const [row] = await db
    .select({ tv: visitors.tokenVersion })
    .from(visitors)
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
  return row?.tv ?? null;
}

/**
 * Revokes every token issued to a visitor (e.g. a ban): the next handshake with any of them is refused
 * with `unauthorized: visitor token revoked`. Live sockets are not cut here; the caller disconnects the
 * `visitor:<id>` room. Returns false when the visitor is not in the workspace.
 */
export async function revokeVisitorTokens(db: Pick<Db, 'update'>, workspaceId: string, visitorId: string): Promise<boolean> {
  const rows = await db
    .update(visitors)
    .set({ tokenVersion: sql`${visitors.tokenVersion} + 1` })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)))
    .returning({ id: visitors.id });
  return rows.length > 0;
}
