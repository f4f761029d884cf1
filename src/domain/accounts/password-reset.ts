import { createElement } from 'react';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accountTokens, users } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { loadBrand } from '../email/brand';
import { queueEmail } from '../email/outbox';
import { renderEmail } from '../email/render';
import { PasswordResetEmail } from '../email/templates/accounts';
import { findToken, issueToken, markUsed } from './account-tokens';
import { hashPassword } from './passwords';
import { EmailSchema, SetPasswordInput } from './schemas';

export const RESET_TTL_MINUTES = 60;

/**
 * Password reset from the sign-in page (F15). `request` answers the same whether or not the address has an
 * account (the caller rate-limits it); the link works once within an hour; a reset signs every session out.
 */
export class PasswordResets {
  constructor(
    private readonly db: Db,
    private readonly publicWebUrl: string,
  ) {}

  /** Queues the reset email when the address belongs to an active account; otherwise does nothing, silently. */
  async request(rawEmail: unknown): Promise<void> {
    const parsed = EmailSchema.safeParse(rawEmail);
    if (!parsed.success) throw new AppError('bad_request', 'Enter a valid email address');
    await this.db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, workspaceId: users.workspaceId, name: users.name, email: users.email, active: users.active })
        .from(users)
        .where(sql`lower(${users.email}) = ${parsed.data}`)
        .for('update');
      if (!user || !user.active) return;
      const { id, token } = await issueToken(tx, { workspaceId: user.workspaceId, userId: user.id, purpose: 'reset', ttlMs: RESET_TTL_MINUTES * 60_000 });
      const brand = await loadBrand(tx, user.workspaceId);
      const link = `${this.publicWebUrl.replace(/\/$/, '')}/reset-password/${token}`;
      const email = await renderEmail('Reset your password', createElement(PasswordResetEmail, { brand, name: user.name, link, expiresInMinutes: RESET_TTL_MINUTES }));
      await queueEmail(tx, { ...email, workspaceId: user.workspaceId, idempotencyKey: `reset:${id}:${user.email.toLowerCase()}`, kind: 'password_reset', fromName: brand.workspaceName, to: user.email });
    });
  }

  async isValid(token: string): Promise<boolean> {
    const found = await findToken(this.db, token, 'reset');
    return Boolean(found?.user.active);
  }

  /** Sets the new password, spends the link (and any other open reset link) and signs out every session. */
  async complete(input: unknown): Promise<{ email: string; userId: string }> {
    const parsed = SetPasswordInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'password');
    const passwordHash = await hashPassword(parsed.data.password);
    return this.db.transaction(async (tx) => {
      const found = await findToken(tx, parsed.data.token, 'reset', { forUpdate: true });
      if (!found || !found.user.active) throw new AppError('not_found', 'This reset link is no longer valid. Ask for a new one.');
      await markUsed(tx, found.id);
      await tx
        .update(accountTokens)
        .set({ usedAt: sql`now()` })
        .where(and(eq(accountTokens.userId, found.userId), eq(accountTokens.purpose, 'reset'), sql`${accountTokens.usedAt} is null`));
      await tx
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, found.userId), eq(users.workspaceId, found.workspaceId)));
      return { email: found.user.email, userId: found.userId };
    });
  }
}
