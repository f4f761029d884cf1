import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookEndpoints, webhookSigning } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { newStandardSecret, type WebhookFormat } from './standard';

/** How long a rotated-out secret still signs (both signatures are sent), so receivers can switch keys. */
export const ROTATION_GRACE_HOURS = 24;

export interface SigningView {
  format: WebhookFormat;
  /** Until when the previous secret still signs; null when none does. */
  previousSecretValidUntil: string | null;
}

/** The signing of an endpoint: no row is the original (legacy) format. */
export async function signingOf(db: Db, workspaceId: string, endpointId: string): Promise<SigningView> {
  const [row] = await db.select().from(webhookSigning).where(and(eq(webhookSigning.workspaceId, workspaceId), eq(webhookSigning.endpointId, endpointId)));
  const valid = row?.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now();
  return { format: (row?.format as WebhookFormat | undefined) ?? 'legacy', previousSecretValidUntil: valid ? row.previousSecretExpiresAt!.toISOString() : null };
}

/**
 * Switches an endpoint's format. Switching to Standard Webhooks issues a new `whsec_` secret (returned this
 * once): the receiver changes its verification anyway, and older secrets were not in the standard's base64.
 * Switching back keeps the secret. Returns null for the secret when it did not change.
 */
export async function setFormat(db: Db, workspaceId: string, endpointId: string, format: WebhookFormat): Promise<{ signing: SigningView; secret: string | null }> {
  const current = await signingOf(db, workspaceId, endpointId);
  if (current.format === format) return { signing: current, secret: null };
  const secret = format === 'standard' ? newStandardSecret() : null;
  await db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)))
      .for('update');
    if (!endpoint) throw new AppError('not_found', 'Webhook endpoint not found');
    if (secret) await tx.update(webhookEndpoints).set({ secret, secretRotatedAt: new Date() }).where(eq(webhookEndpoints.id, endpointId));
    await tx
      .insert(webhookSigning)
      .values({ endpointId, workspaceId, format, previousSecret: null, previousSecretExpiresAt: null })
      .onConflictDoUpdate({ target: webhookSigning.endpointId, set: { format, previousSecret: null, previousSecretExpiresAt: null, updatedAt: new Date() } });
  });
  return { signing: await signingOf(db, workspaceId, endpointId), secret };
}

/**
 * A new secret, returned this once. Standard format: the previous secret keeps signing next to the new one
 * for `graceHours` (two `v1,` signatures), so receivers verify with either while they switch. The original
 * format has a single signature: its new secret applies at once.
 */
export async function rotateSecret(db: Db, workspaceId: string, endpointId: string, graceHours = ROTATION_GRACE_HOURS): Promise<{ secret: string; signing: SigningView }> {
  const secret = newStandardSecret();
  await db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ secret: webhookEndpoints.secret, format: webhookSigning.format })
      .from(webhookEndpoints)
      .leftJoin(webhookSigning, eq(webhookSigning.endpointId, webhookEndpoints.id))
      .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)))
      .for('update', { of: webhookEndpoints });
    if (!endpoint) throw new AppError('not_found', 'Webhook endpoint not found');
    await tx.update(webhookEndpoints).set({ secret, secretRotatedAt: new Date() }).where(eq(webhookEndpoints.id, endpointId));
    if (endpoint.format === 'standard') {
      await tx
        .update(webhookSigning)
        .set({ previousSecret: endpoint.secret, previousSecretExpiresAt: new Date(Date.now() + graceHours * 3600_000), updatedAt: new Date() })
        .where(eq(webhookSigning.endpointId, endpointId));
    }
  });
  return { secret, signing: await signingOf(db, workspaceId, endpointId) };
}
