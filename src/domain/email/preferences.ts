import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notificationPreferences } from '../../db/schema';

import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';

export { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind } from './notification-kinds';

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Every kind with its email switch (on unless turned off). */
export async function preferencesOf(db: Pick<Db, 'select'>, userId: string): Promise<Record<NotificationKind, boolean>> {
  const rows = await db.select({ kind: notificationPreferences.kind, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<NotificationKind, boolean>;
  for (const r of rows) if (isNotificationKind(r.kind)) out[r.kind] = r.email;
  return out;
}

export async function setPreference(db: Pick<Db, 'insert'>, userId: string, kind: NotificationKind, email: boolean): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, kind, email })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { email, updatedAt: sql`now()` } });
}

export async function isEnabled(db: Pick<Db, 'select'>, userId: string, kind: NotificationKind): Promise<boolean> {
  const [row] = await db
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return row?.email ?? true;
}

/**
 * One-click unsubscribe links (RFC 8058): `u` (user), `k` (kind) and an HMAC of both, so the link works
 * without signing in and cannot be forged for another user or kind.
 */
export function unsubscribeSignature(secret: string, userId: string, kind: NotificationKind): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${kind}`).digest('base64url');
}

export function unsubscribeUrl(publicWebUrl: string, secret: string, userId: string, kind: NotificationKind): string {
  const q = new URLSearchParams({ u: userId, k: kind, s: unsubscribeSignature(secret, userId, kind) });
  return `${publicWebUrl.replace(/\/$/, '')}/api/email/unsubscribe?${q}`;
}

export function verifyUnsubscribe(secret: string, params: URLSearchParams): { userId: string; kind: NotificationKind } | null {
  const userId = params.get('u') ?? '';
  const kind = params.get('k');
  const given = params.get('s') ?? '';
  if (!/^[0-9a-f-]{36}$/.test(userId) || !isNotificationKind(kind)) return null;
  const expected = unsubscribeSignature(secret, userId, kind);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  return { userId, kind };
}
