import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userSkillGroups, users } from '../../db/schema';

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
