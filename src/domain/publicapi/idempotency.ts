import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiIdempotencyKeys } from '../../db/schema';
import { AppError } from '../../lib/errors';

/** How long a stored answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/**
 * `Idempotency-Key` on creating POSTs (F16): the first request with a key runs and its answer is stored; a
 * retry with the same key and the same request gets that answer again (nothing runs twice); the same key with
 * another request, or while the first still runs, is refused with 409. Keys are per token, kept 24 hours.
 * Failed requests (any error) are not stored: a retry runs again.
 */
export async function runIdempotent(
  db: Db,
  scope: { tokenId: string; workspaceId: string },
  key: string,
  request: { method: string; path: string; body: string },
  run: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new AppError('bad_request', 'Idempotency-Key must be 1-255 visible ASCII characters', [{ path: 'Idempotency-Key', message: 'Invalid key' }]);
  const fingerprint = `${request.method} ${request.path} ${createHash('sha256').update(request.body).digest('hex')}`;
  const where = and(eq(apiIdempotencyKeys.tokenId, scope.tokenId), eq(apiIdempotencyKeys.key, key));
  // Expired answers make room for the key again.
  await db.delete(apiIdempotencyKeys).where(and(where, lt(apiIdempotencyKeys.createdAt, new Date(Date.now() - IDEMPOTENCY_TTL_MS))));
  const [claimed] = await db
    .insert(apiIdempotencyKeys)
    .values({ tokenId: scope.tokenId, key, workspaceId: scope.workspaceId, fingerprint })
    .onConflictDoNothing()
    .returning({ key: apiIdempotencyKeys.key });
  if (!claimed) {
    const [stored] = await db.select().from(apiIdempotencyKeys).where(where);
    if (!stored) throw new AppError('conflict', 'This Idempotency-Key is being reused; retry');
    if (stored.fingerprint !== fingerprint) throw new AppError('conflict', 'This Idempotency-Key was used with a different request');
    if (stored.statusCode === null) throw new AppError('conflict', 'A request with this Idempotency-Key is still running; retry later');
    return { status: stored.statusCode, body: stored.response, replayed: true };
  }
  try {
    const answer = await run();
    await db.update(apiIdempotencyKeys).set({ statusCode: answer.status, response: sql`${JSON.stringify(answer.body ?? null)}::jsonb` }).where(where);
    return { ...answer, replayed: false };
  } catch (error) {
    await db.delete(apiIdempotencyKeys).where(and(where, isNull(apiIdempotencyKeys.statusCode)));
    throw error;
  }
}
