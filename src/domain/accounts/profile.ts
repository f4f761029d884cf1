import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { userProfiles, users, workspaces } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { passwordProblem } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { AVATAR_COLORS, defaultAvatarColor, initialsOf, type ProfileDto } from './avatar';

export { AVATAR_COLORS, defaultAvatarColor, initialsOf, type ProfileDto } from './avatar';

export const ProfileInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100),
  avatarColor: z.enum(AVATAR_COLORS, { error: 'Choose one of the colours shown.' }),
});

export type ProfileInput = z.infer<typeof ProfileInput>;
export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(200),
  newPassword: z.string().max(200),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

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

  async update(workspaceId: string, userId: string, input: ProfileInput): Promise<ProfileDto> {
    const parsed = { data: input };
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
  async changePassword(workspaceId: string, userId: string, input: PasswordChangeInput): Promise<void> {
    const parsed = { data: input };
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
