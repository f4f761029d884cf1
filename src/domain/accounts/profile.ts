import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { userProfiles, users, workspaces } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { passwordProblem } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';

/** Colours an avatar may have (initials on them stay readable: white text, contrast ≥ 4.5). */
export const AVATAR_COLORS = ['#4f46e5', '#0f766e', '#b45309', '#be123c', '#7c3aed', '#15803d', '#0369a1', '#475569'] as const;

export interface ProfileDto {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'supervisor' | 'agent';
  /** The chosen avatar colour, or the one derived from the name. */
  avatarColor: string;
  initials: string;
}

export const ProfileInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100),
  avatarColor: z.enum(AVATAR_COLORS, { error: 'Choose one of the colours shown.' }),
});

export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(200),
  newPassword: z.string().max(200),
});

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase() || '?';
}

/** A stable colour for a name (used until the person picks one). */
export function defaultAvatarColor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length];
}

/**
 * A signed-in user's own account (Account page): name and avatar, password change with the current
 * password and the sign-up strength rules. Each method acts on the caller's own row only.
 */
export class ProfileService {
  constructor(private readonly db: Db) {}

  async get(workspaceId: string, userId: string): Promise<ProfileDto> {
    const [row] = await this.db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, avatarColor: userProfiles.avatarColor })
      .from(users)
      .leftJoin(userProfiles, eq(userProfiles.userId, users.id))
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
    if (!row) throw new AppError('not_found', 'Your account was not found. Sign in again.');
    return { id: row.id, name: row.name, email: row.email, role: row.role, avatarColor: row.avatarColor ?? defaultAvatarColor(row.id), initials: initialsOf(row.name) };
  }

  async update(workspaceId: string, userId: string, input: unknown): Promise<ProfileDto> {
    const parsed = ProfileInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'profile');
    await this.db.transaction(async (tx) => {
      const updated = await tx
        .update(users)
        .set({ name: parsed.data.name })
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
        .returning({ id: users.id });
      if (!updated.length) throw new AppError('not_found', 'Your account was not found. Sign in again.');
      await tx
        .insert(userProfiles)
        .values({ userId, avatarColor: parsed.data.avatarColor })
        .onConflictDoUpdate({ target: userProfiles.userId, set: { avatarColor: parsed.data.avatarColor, updatedAt: sql`now()` } });
    });
    return this.get(workspaceId, userId);
  }

  /**
   * Checks the current password, applies the sign-up strength rules to the new one, stores it and ends every
   * other session (session version bump): the caller signs in again with the new password.
   */
  async changePassword(workspaceId: string, userId: string, input: unknown): Promise<void> {
    const parsed = PasswordChangeInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'password');
    const [row] = await this.db
      .select({ hash: users.passwordHash, name: users.name, email: users.email, workspace: workspaces.name })
      .from(users)
      .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
    if (!row) throw new AppError('not_found', 'Your account was not found. Sign in again.');
    if (!(await verifyPassword(parsed.data.currentPassword, row.hash))) {
      throw new AppError('bad_request', 'The current password is not right.', [{ path: 'currentPassword', message: 'The current password is not right.' }]);
    }
    const problem = passwordProblem(parsed.data.newPassword, [row.name, row.email, row.workspace]);
    if (problem) throw new AppError('bad_request', problem, [{ path: 'newPassword', message: `${problem}.` }]);
    if (parsed.data.newPassword === parsed.data.currentPassword) {
      throw new AppError('bad_request', 'Choose a password different from the current one.', [{ path: 'newPassword', message: 'Choose a password different from the current one.' }]);
    }
    await this.db
      .update(users)
      .set({ passwordHash: await hashPassword(parsed.data.newPassword), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  }
}
