import type { CreateAgentInput } from './schemas';
import type { z } from 'zod';
import { createElement } from 'react';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { loadBrand } from '../email/brand';
import { queueEmail } from '../email/outbox';
import { renderEmail } from '../email/render';
import { InviteEmail } from '../email/templates/accounts';
import { findToken, issueToken, markUsed } from './account-tokens';
import { hashPassword } from './passwords';
import { SetPasswordInput } from './schemas';
import type { AccountsService, AgentView } from './service';

export const INVITE_TTL_DAYS = 7;

/**
 * Inviting staff by email (F15): the admin gives name, email and role; the account exists at once (it can
 * be put in groups, given limits) but cannot sign in until the invitee sets a password through the link,
 * which works once and expires after 7 days.
 */
export class Invitations {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly publicWebUrl: string,
  ) {}

  async invite(workspaceId: string, inviter: { id: string; name: string }, input: z.input<typeof CreateAgentInput>): Promise<AgentView> {
    const { password: _ignored, ...fields } = input;
    return this.accounts.createAgent(workspaceId, fields, async (tx, user) => {
      await this.issue(tx, workspaceId, inviter.name, user);
    });
  }

  /** A new link for an invitee who has not set a password yet (the earlier link stops working). */
  async resend(workspaceId: string, inviter: { id: string; name: string }, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, name: users.name, email: users.email, role: users.role, passwordHash: users.passwordHash, active: users.active })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
        .for('update');
      if (!user) throw new AppError('not_found', 'Agent not found');
      if (user.passwordHash !== '') throw new AppError('invalid_state', 'This person has already accepted the invitation');
      if (!user.active) throw new AppError('invalid_state', 'This account is deactivated');
      await this.issue(tx as unknown as Db, workspaceId, inviter.name, user);
    });
  }

  private async issue(tx: Db, workspaceId: string, inviterName: string, user: { id: string; name: string; email: string; role: string }) {
    const { id, token } = await issueToken(tx, { workspaceId, userId: user.id, purpose: 'invite', ttlMs: INVITE_TTL_DAYS * 86_400_000 });
    const brand = await loadBrand(tx, workspaceId);
    const link = `${this.publicWebUrl.replace(/\/$/, '')}/invite/${token}`;
    const email = await renderEmail(
      `${inviterName} invited you to ${brand.workspaceName}`,
      createElement(InviteEmail, { brand, inviterName, inviteeName: user.name, role: user.role, link, expiresInDays: INVITE_TTL_DAYS }),
    );
    await queueEmail(tx, { ...email, workspaceId, idempotencyKey: `invite:${id}:${user.email.toLowerCase()}`, kind: 'invite', fromName: brand.workspaceName, to: user.email });
  }

  /** What the invitation page shows; null when the link is unknown, used or expired. */
  async describe(token: string): Promise<{ name: string; email: string; workspaceName: string } | null> {
    const found = await findToken(this.db, token, 'invite');
    if (!found || !found.user.active) return null;
    const brand = await loadBrand(this.db, found.workspaceId);
    return { name: found.user.name, email: found.user.email, workspaceName: brand.workspaceName };
  }

  /** Sets the invitee's password; the link is spent. Returns the address to sign in with. */
  async accept(input: unknown): Promise<{ email: string }> {
    const parsed = SetPasswordInput.safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'password');
    const passwordHash = await hashPassword(parsed.data.password);
    return this.db.transaction(async (tx) => {
      const found = await findToken(tx, parsed.data.token, 'invite', { forUpdate: true });
      if (!found || !found.user.active) throw new AppError('not_found', 'This invitation link is no longer valid. Ask your admin for a new one.');
      await markUsed(tx, found.id);
      await tx
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, found.userId), eq(users.workspaceId, found.workspaceId)));
      return { email: found.user.email };
    });
  }
}
