import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accountTokens, users } from '../../db/schema';

export type TokenPurpose = 'invite' | 'reset' | 'email_change';
type Tx = Pick<Db, 'insert' | 'select' | 'update'>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new single-use token for `purpose`: earlier unused tokens of the same purpose stop working (only the
 * latest link is valid). The token itself is returned once for the email; only its hash is stored.
 */
export async function issueToken(tx: Tx, input: { workspaceId: string; userId: string; purpose: TokenPurpose; ttlMs: number; newEmail?: string }): Promise<{ id: string; token: string }> {
  await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.userId, input.userId), eq(accountTokens.purpose, input.purpose), isNull(accountTokens.usedAt)));
  const token = randomBytes(32).toString('base64url');
  const [row] = await tx
    .insert(accountTokens)
    .values({
      workspaceId: input.workspaceId,
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      newEmail: input.newEmail ?? null,
      expiresAt: new Date(Date.now() + input.ttlMs),
    })
    .returning({ id: accountTokens.id });
  return { id: row.id, token };
}

export interface ValidToken {
  id: string;
  workspaceId: string;
  userId: string;
  newEmail: string | null;
  user: { email: string; name: string; active: boolean; hasPassword: boolean };
}

/** The unused, unexpired token of `purpose` (null for anything else: unknown, used, expired, other purpose). */
export async function findToken(db: Pick<Db, 'select'>, token: string, purpose: TokenPurpose, options: { forUpdate?: boolean } = {}): Promise<ValidToken | null> {
  if (!token || token.length > 200) return null;
  const query = db
    .select({
      id: accountTokens.id,
      workspaceId: accountTokens.workspaceId,
      userId: accountTokens.userId,
      newEmail: accountTokens.newEmail,
      email: users.email,
      name: users.name,
      active: users.active,
      passwordHash: users.passwordHash,
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)));
  const [row] = options.forUpdate ? await query.for('update', { of: accountTokens }) : await query;
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    userId: row.userId,
    newEmail: row.newEmail,
    user: { email: row.email, name: row.name, active: row.active, hasPassword: row.passwordHash !== '' },
  };
}

export async function markUsed(tx: Tx, id: string): Promise<void> {
  await tx.update(accountTokens).set({ usedAt: sql`now()` }).where(eq(accountTokens.id, id));
}
