import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { skillGroups, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { AssignmentSettings, QueueSettings, type RoutingTarget } from '../settings/schemas';

/**
 * Settings that name agents or skill groups may only name those of their own workspace. Runs before a
 * save; a value that fails its schema is left for the schema's own (clearer) error.
 */
export async function assertRoutingReferences(db: Db, workspaceId: string, section: string, value: unknown): Promise<void> {
  const groupIds = new Set<string>();
  const agentIds = new Set<string>();
  const collect = (target: RoutingTarget) => {
    if (target.type === 'group') groupIds.add(target.id);
    if (target.type === 'agent') agentIds.add(target.id);
  };
  if (section === 'assignment') {
    const parsed = AssignmentSettings.safeParse(value);
    if (!parsed.success) return;
    for (const rule of [...parsed.data.rules, parsed.data.defaultRule]) [rule.target, ...rule.overflow].forEach(collect);
  } else if (section === 'queue') {
    const parsed = QueueSettings.safeParse(value);
    if (!parsed.success) return;
    Object.keys(parsed.data.groupMaxLength).forEach((id) => groupIds.add(id));
  } else return;

  if (groupIds.size) {
    const found = await db.select({ id: skillGroups.id }).from(skillGroups).where(and(eq(skillGroups.workspaceId, workspaceId), inArray(skillGroups.id, [...groupIds])));
    if (found.length !== groupIds.size) throw new AppError('bad_request', 'A rule or limit refers to a skill group that does not exist in this workspace');
  }
  if (agentIds.size) {
    const found = await db.select({ id: users.id }).from(users).where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [...agentIds])));
    if (found.length !== agentIds.size) throw new AppError('bad_request', 'A rule refers to an agent who does not exist in this workspace');
  }
}
