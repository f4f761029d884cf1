import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { skillGroups, userSkillGroups, users, workspaces, type Role } from '../../db/schema';
import type { z } from 'zod';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { hashPassword, verifyPassword } from './passwords';
import { CreateAgentInput, SignInInput, SignUpInput, SkillGroupInput, UpdateAgentInput } from './schemas';

export interface SessionUser {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  /** Sessions and staff tokens minted before the last bump of this number are refused. */
  sessionVersion?: number;
}

export interface AgentView {
  id: string;
  name: string;
  email: string;
  role: Role;
  receptionLimit: number | null;
  active: boolean;
  groupIds: string[];
  /** Invited, no password set yet. */
  invitePending: boolean;
  createdAt: Date;
}

export function newWidgetKey() {
  return `wk_${randomBytes(12).toString('base64url')}`;
}

function newWorkspaceSecret() {
  return randomBytes(32).toString('hex');
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Workspaces, users and skill groups. Every method that takes a workspaceId scopes its queries to it. */
export class AccountsService {
  constructor(private readonly db: Db) {}

  async signUp(input: z.input<typeof SignUpInput>): Promise<{ workspaceId: string; user: SessionUser }> {
    const parsed = SignUpInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'sign-up');
    const { workspaceName, name, email, password } = parsed.data;
    const passwordHash = await hashPassword(password);
    try {
      return await this.db.transaction(async (tx) => {
        const [ws] = await tx
          .insert(workspaces)
          .values({ name: workspaceName, widgetKey: newWidgetKey(), secret: newWorkspaceSecret() })
          .returning({ id: workspaces.id });
        const [user] = await tx
          .insert(users)
          .values({ workspaceId: ws.id, email, name, passwordHash, role: 'admin' })
          .returning();
        return { workspaceId: ws.id, user: toSessionUser(user) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'An account with this email already exists');
      throw error;
    }
  }

  /** Returns the user for valid credentials of an active account, else null (no hint which part was wrong). */
  async authenticate(input: Partial<z.input<typeof SignInInput>>): Promise<SessionUser | null> {
    const parsed = SignInInput.safeParse(input);
    if (!parsed.success) return null;
    const [user] = await this.db.select().from(users).where(sql`lower(${users.email}) = ${parsed.data.email}`);
    // An invited account has no password until its invitation is accepted.
    if (!user || !user.active || !user.passwordHash) return null;
    if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
    return toSessionUser(user);
  }

  async getUser(workspaceId: string, userId: string): Promise<SessionUser | null> {
    const [user] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId), eq(users.active, true)));
    return user ? toSessionUser(user) : null;
  }

  async getWorkspace(workspaceId: string) {
    const [ws] = await this.db
      .select({ id: workspaces.id, name: workspaces.name, widgetKey: workspaces.widgetKey })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    return ws ?? null;
  }

  async listAgents(workspaceId: string): Promise<AgentView[]> {
    const rows = await this.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        receptionLimit: users.receptionLimit,
        active: users.active,
        createdAt: users.createdAt,
        invitePending: sql<boolean>`(${users.passwordHash} = '')`,
        groupIds: sql<string[]>`coalesce(array_agg(${userSkillGroups.groupId}) filter (where ${userSkillGroups.groupId} is not null), '{}')`,
      })
      .from(users)
      .leftJoin(userSkillGroups, eq(userSkillGroups.userId, users.id))
      .where(eq(users.workspaceId, workspaceId))
      .groupBy(users.id)
      .orderBy(asc(users.name));
    return rows;
  }

  async getAgent(workspaceId: string, userId: string): Promise<AgentView | null> {
    const all = await this.listAgents(workspaceId);
    return all.find((a) => a.id === userId) ?? null;
  }

  /**
   * Creates an account. Without a password the account has none yet (it cannot sign in) and `within` runs
   * in the same transaction: the invitation (src/domain/accounts/invitations.ts) issues its link and
   * queues its email there.
   */
  async createAgent(workspaceId: string, input: z.input<typeof CreateAgentInput>, within?: (tx: Db, user: { id: string; name: string; email: string; role: Role }) => Promise<void>): Promise<AgentView> {
    const parsed = CreateAgentInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'agent');
    const { groupIds, password, ...fields } = parsed.data;
    const passwordHash = password ? await hashPassword(password) : '';
    try {
      const id = await this.db.transaction(async (tx) => {
        await assertGroupsInWorkspace(tx as unknown as Db, workspaceId, groupIds);
        const [user] = await tx.insert(users).values({ ...fields, workspaceId, passwordHash }).returning({ id: users.id });
        if (groupIds.length) {
          await tx.insert(userSkillGroups).values(groupIds.map((groupId) => ({ userId: user.id, groupId, workspaceId })));
        }
        if (within) await within(tx as unknown as Db, { id: user.id, name: fields.name, email: fields.email, role: fields.role });
        return user.id;
      });
      return (await this.getAgent(workspaceId, id))!;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'An account with this email already exists');
      throw error;
    }
  }

  /**
   * Updates an account. Deactivation, a role change or a new password bump the session version in the same
   * transaction (`sessionsRevoked`): the caller then cuts the account's live sockets.
   */
  async updateAgent(workspaceId: string, userId: string, input: z.input<typeof UpdateAgentInput>, actorUserId: string): Promise<AgentView & { sessionsRevoked: boolean }> {
    const parsed = UpdateAgentInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'agent');
    const { groupIds, password, ...fields } = parsed.data;
    if (userId === actorUserId && (fields.active === false || (fields.role && fields.role !== 'admin'))) {
      throw new AppError('invalid_state', 'You cannot deactivate yourself or remove your own admin role');
    }
    const passwordHash = password ? await hashPassword(password) : undefined;
    const sessionsRevoked = await this.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id, role: users.role, active: users.active })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
        .for('update');
      if (!existing) throw new AppError('not_found', 'Agent not found');
      const revoke = Boolean(passwordHash) || (fields.active === false && existing.active) || (fields.role !== undefined && fields.role !== existing.role);
      const set = { ...fields, ...(passwordHash ? { passwordHash } : {}), ...(revoke ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) };
      if (Object.keys(set).length) await tx.update(users).set(set).where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
      if (groupIds) {
        await assertGroupsInWorkspace(tx as unknown as Db, workspaceId, groupIds);
        await tx.delete(userSkillGroups).where(and(eq(userSkillGroups.workspaceId, workspaceId), eq(userSkillGroups.userId, userId)));
        if (groupIds.length) {
          await tx.insert(userSkillGroups).values(groupIds.map((groupId) => ({ userId, groupId, workspaceId })));
        }
      }
      return revoke;
    });
    return { ...(await this.getAgent(workspaceId, userId))!, sessionsRevoked };
  }

  /** Sign out everywhere: every session and staff token of the user stops working. */
  async revokeSessions(workspaceId: string, userId: string): Promise<void> {
    await this.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  }

  async listGroups(workspaceId: string) {
    return this.db
      .select({
        id: skillGroups.id,
        name: skillGroups.name,
        memberCount: sql<number>`(select count(*)::int from ${userSkillGroups} where ${userSkillGroups.groupId} = ${skillGroups.id})`,
      })
      .from(skillGroups)
      .where(eq(skillGroups.workspaceId, workspaceId))
      .orderBy(asc(skillGroups.name));
  }

  async createGroup(workspaceId: string, input: z.input<typeof SkillGroupInput>) {
    const parsed = SkillGroupInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'skill group');
    try {
      const [group] = await this.db.insert(skillGroups).values({ workspaceId, name: parsed.data.name }).returning({ id: skillGroups.id, name: skillGroups.name });
      return group;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'A group with this name already exists');
      throw error;
    }
  }

  async renameGroup(workspaceId: string, groupId: string, input: z.input<typeof SkillGroupInput>) {
    const parsed = SkillGroupInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'skill group');
    try {
      const [group] = await this.db
        .update(skillGroups)
        .set({ name: parsed.data.name })
        .where(and(eq(skillGroups.workspaceId, workspaceId), eq(skillGroups.id, groupId)))
        .returning({ id: skillGroups.id, name: skillGroups.name });
      if (!group) throw new AppError('not_found', 'Skill group not found');
      return group;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'A group with this name already exists');
      throw error;
    }
  }

  async deleteGroup(workspaceId: string, groupId: string) {
    const deleted = await this.db
      .delete(skillGroups)
      .where(and(eq(skillGroups.workspaceId, workspaceId), eq(skillGroups.id, groupId)))
      .returning({ id: skillGroups.id });
    if (!deleted.length) throw new AppError('not_found', 'Skill group not found');
  }
}

async function assertGroupsInWorkspace(db: Db, workspaceId: string, groupIds: string[]) {
  if (!groupIds.length) return;
  const found = await db
    .select({ id: skillGroups.id })
    .from(skillGroups)
    .where(and(eq(skillGroups.workspaceId, workspaceId), inArray(skillGroups.id, groupIds)));
  if (found.length !== new Set(groupIds).size) throw new AppError('bad_request', 'Unknown skill group');
}

function toSessionUser(u: { id: string; workspaceId: string; email: string; name: string; role: Role; sessionVersion: number }): SessionUser {
  return { id: u.id, workspaceId: u.workspaceId, email: u.email, name: u.name, role: u.role, sessionVersion: u.sessionVersion };
}
