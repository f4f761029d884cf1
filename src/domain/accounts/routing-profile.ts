import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { skillGroups, userSkillGroups, users } from '../../db/schema';

/** What routing needs to know about a staff member: active flag, limit override and skill groups. */
export async function loadRoutingProfile(db: Db, workspaceId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      active: users.active,
      receptionLimit: users.receptionLimit,
      groupIds: sql<string[]>`coalesce((select array_agg(${userSkillGroups.groupId}) from ${userSkillGroups} where ${userSkillGroups.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  return row ?? null;
}

/** Routing profiles of every staff member of a workspace (console changes are applied from these). */
export async function loadRoutingProfiles(db: Db, workspaceId: string) {
  return db
    .select({
      id: users.id,
      active: users.active,
      receptionLimit: users.receptionLimit,
      groupIds: sql<string[]>`coalesce((select array_agg(${userSkillGroups.groupId}) from ${userSkillGroups} where ${userSkillGroups.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(eq(users.workspaceId, workspaceId));
}

/** Whether an agent or skill group id belongs to the workspace (designation from an embed code). */
export async function targetExists(db: Db, workspaceId: string, target: { type: 'agent' | 'group'; id: string }): Promise<boolean> {
  const table = target.type === 'agent' ? users : skillGroups;
  const [row] = await db.select({ id: table.id }).from(table).where(and(eq(table.workspaceId, workspaceId), eq(table.id, target.id)));
  return Boolean(row);
}

/** Staff and groups an agent can transfer a chat to. */
export async function transferDirectory(db: Db, workspaceId: string) {
  const [staff, groups] = await Promise.all([
    db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.active, true))),
    db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).where(eq(skillGroups.workspaceId, workspaceId)),
  ]);
  return { staff, groups };
}
