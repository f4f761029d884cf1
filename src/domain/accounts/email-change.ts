import { createElement } from 'react';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { loadBrand } from '../email/brand';
import { queueEmail } from '../email/outbox';
import { renderEmail } from '../email/render';
import { EmailChangeEmail } from '../email/templates/accounts';
import { findToken, issueToken, markUsed } from './account-tokens';
import { verifyPassword } from './passwords';
import { EmailSchema } from './schemas';

export const EMAIL_CHANGE_TTL_MINUTES = 60;

export const EmailChangeInput = z.object({ newEmail: EmailSchema, password: z.string().min(1, 'Enter your current password').max(200) });

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Changing one's sign-in address (F15): asked with the current password, confirmed from a link mailed to
 * the NEW address (proving it is theirs); until then the old address stays in use.
 */
export class EmailChanges {
  constructor(
    private readonly db: Db,
    private readonly publicWebUrl: string,
  ) {}

  async request(user: { id: string; workspaceId: string }, input: unknown): Promise<{ newEmail: string }> {
    const parsed = EmailChangeInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'email change');
    const { newEmail, password } = parsed.data;
    return this.db.transaction(async (tx) => {
      const [me] = await tx
        .select({ name: users.name, email: users.email, passwordHash: users.passwordHash })
        .from(users)
        .where(and(eq(users.workspaceId, user.workspaceId), eq(users.id, user.id)))
        .for('update');
      if (!me || !me.passwordHash || !(await verifyPassword(password, me.passwordHash))) {
        throw new AppError('bad_request', 'Your current password is not right', [{ path: 'password', message: 'Your current password is not right' }]);
      }
      if (me.email.toLowerCase() === newEmail) throw new AppError('bad_request', 'This is already your address', [{ path: 'newEmail', message: 'This is already your address' }]);
      const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${newEmail}`);
      if (taken) throw new AppError('conflict', 'Another account uses this address', [{ path: 'newEmail', message: 'Another account uses this address' }]);
      const { id, token } = await issueToken(tx, { workspaceId: user.workspaceId, userId: user.id, purpose: 'email_change', ttlMs: EMAIL_CHANGE_TTL_MINUTES * 60_000, newEmail });
      const brand = await loadBrand(tx, user.workspaceId);
      const link = `${this.publicWebUrl.replace(/\/$/, '')}/account/confirm-email/${token}`;
      const email = await renderEmail('Confirm your new email address', createElement(EmailChangeEmail, { brand, name: me.name, newEmail, link, expiresInMinutes: EMAIL_CHANGE_TTL_MINUTES }));
      await queueEmail(tx, { ...email, workspaceId: user.workspaceId, idempotencyKey: `email_change:${id}:${newEmail}`, kind: 'email_change', fromName: brand.workspaceName, to: newEmail });
      return { newEmail };
    });
  }

  /** What the confirmation page shows; null when the link is unknown, used or expired. */
  async describe(token: string): Promise<{ newEmail: string } | null> {
    const found = await findToken(this.db, token, 'email_change');
    return found?.newEmail && found.user.active ? { newEmail: found.newEmail } : null;
  }

  async confirm(token: string): Promise<{ email: string }> {
    try {
      return await this.db.transaction(async (tx) => {
        const found = await findToken(tx, token, 'email_change', { forUpdate: true });
        if (!found?.newEmail || !found.user.active) throw new AppError('not_found', 'This confirmation link is no longer valid. Ask for the change again.');
        await markUsed(tx, found.id);
        await tx.update(users).set({ email: found.newEmail }).where(and(eq(users.id, found.userId), eq(users.workspaceId, found.workspaceId)));
        return { email: found.newEmail };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Another account uses this address now');
      throw error;
    }
  }
}
