import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../db/client';
import { users, userTwoFactor, workspaceSecurity } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { verifyPassword } from './passwords';

const PERIOD = 30;
const RECOVERY_CODES = 10;

export type SecondFactorResult = 'not_needed' | 'ok' | 'required' | 'invalid';

const hash = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/**
 * Optional two-factor sign-in for staff (F15): a TOTP authenticator app (RFC 6238, 6 digits, 30 s) plus ten
 * single-use recovery codes. An admin may require it for the whole workspace (members without it are sent to
 * set it up before anything else). The secret is stored encrypted with a key derived from AUTH_SECRET.
 */
export class TwoFactor {
  private readonly key: Buffer;

  constructor(
    private readonly db: Db,
    authSecret: string,
    private readonly issuer = 'LiveChat',
  ) {
    this.key = createHash('sha256').update(`two-factor:${authSecret}`).digest();
  }

  private encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  private decrypt(stored: string): string {
    const [iv, tag, data] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  private totp(secret: string, label: string) {
    return new OTPAuth.TOTP({ issuer: this.issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
  }

  async status(workspaceId: string, userId: string): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
    const [row] = await this.db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
    return { enabled: Boolean(row?.enabledAt), required: await this.isRequired(workspaceId), recoveryCodesLeft: row?.enabledAt ? row.recoveryCodes.length : 0 };
  }

  /** The workspace requires two-factor sign-in and this member has not turned it on yet. */
  async setupNeeded(workspaceId: string, userId: string): Promise<boolean> {
    const { rows } = await this.db.execute<{ needed: boolean }>(sql`
      select coalesce((select require_two_factor from workspace_security where workspace_id = ${workspaceId}), false)
        and not exists (select 1 from user_two_factor where user_id = ${userId} and enabled_at is not null) as needed`);
    return Boolean(rows[0]?.needed);
  }

  async isRequired(workspaceId: string): Promise<boolean> {
    const [row] = await this.db.select({ r: workspaceSecurity.requireTwoFactor }).from(workspaceSecurity).where(eq(workspaceSecurity.workspaceId, workspaceId));
    return row?.r ?? false;
  }

  async setRequired(workspaceId: string, required: boolean): Promise<void> {
    await this.db
      .insert(workspaceSecurity)
      .values({ workspaceId, requireTwoFactor: required })
      .onConflictDoUpdate({ target: workspaceSecurity.workspaceId, set: { requireTwoFactor: required, updatedAt: sql`now()` } });
  }

  /** Starts (or restarts) setup: a new secret, shown as a QR code and as text; not active until `enable`. */
  async begin(user: { id: string; email: string }): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
    const [existing] = await this.db.select({ enabledAt: userTwoFactor.enabledAt }).from(userTwoFactor).where(eq(userTwoFactor.userId, user.id));
    if (existing?.enabledAt) throw new AppError('invalid_state', 'Two-factor sign-in is already on. Turn it off first to use another device.');
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await this.db
      .insert(userTwoFactor)
      .values({ userId: user.id, secret: this.encrypt(secret) })
      .onConflictDoUpdate({ target: userTwoFactor.userId, set: { secret: this.encrypt(secret), lastStep: 0, recoveryCodes: [] } });
    const uri = this.totp(secret, user.email).toString();
    return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
  }

  /** Turns it on with a first code from the app; returns the recovery codes (shown once). */
  async enable(userId: string, code: string, label: string): Promise<{ recoveryCodes: string[] }> {
    const [row] = await this.db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
    if (!row || row.enabledAt) throw new AppError('invalid_state', 'Start the setup again');
    const step = this.matchStep(this.decrypt(row.secret), label, code, 0);
    if (step === null) throw new AppError('bad_request', 'That code is not right. Use the current code from your app.', [{ path: 'code', message: 'That code is not right' }]);
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(5).toString('hex');
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await this.db.update(userTwoFactor).set({ enabledAt: sql`now()`, lastStep: step, recoveryCodes: codes.map(hash) }).where(eq(userTwoFactor.userId, userId));
    return { recoveryCodes: codes };
  }

  /** Turning it off asks for the password (a stolen session alone cannot). Refused when the workspace requires it. */
  async disable(workspaceId: string, userId: string, password: string): Promise<void> {
    if (await this.isRequired(workspaceId)) throw new AppError('invalid_state', 'Your workspace requires two-factor sign-in');
    const [user] = await this.db.select({ passwordHash: users.passwordHash }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
    if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
      throw new AppError('bad_request', 'Your password is not right', [{ path: 'password', message: 'Your password is not right' }]);
    }
    await this.db.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  }

  /**
   * At sign-in, after the password: `not_needed` without two-factor; else the code (or an unused recovery
   * code, then spent) must match. A code is accepted once (its time step is remembered).
   */
  async check(userId: string, email: string, code: string | undefined): Promise<SecondFactorResult> {
    const [row] = await this.db.select().from(userTwoFactor).where(and(eq(userTwoFactor.userId, userId), isNotNull(userTwoFactor.enabledAt)));
    if (!row) return 'not_needed';
    const given = (code ?? '').trim();
    if (!given) return 'required';
    if (/^\d{6}$/.test(given.replace(/\s/g, ''))) {
      const step = this.matchStep(this.decrypt(row.secret), email, given.replace(/\s/g, ''), row.lastStep);
      if (step === null) return 'invalid';
      const updated = await this.db
        .update(userTwoFactor)
        .set({ lastStep: step })
        .where(and(eq(userTwoFactor.userId, userId), sql`${userTwoFactor.lastStep} < ${step}`))
        .returning({ userId: userTwoFactor.userId });
      return updated.length ? 'ok' : 'invalid';
    }
    const h = hash(given);
    const match = row.recoveryCodes.find((c) => c.length === h.length && timingSafeEqual(Buffer.from(c), Buffer.from(h)));
    if (!match) return 'invalid';
    // Spent atomically: two sign-ins racing with one code cannot both pass.
    const spent = await this.db
      .update(userTwoFactor)
      .set({ recoveryCodes: sql`${userTwoFactor.recoveryCodes} - ${match}::text` })
      .where(and(eq(userTwoFactor.userId, userId), sql`${userTwoFactor.recoveryCodes} ? ${match}`))
      .returning({ userId: userTwoFactor.userId });
    return spent.length ? 'ok' : 'invalid';
  }

  /** The 30-second step the code belongs to (±1 step of clock drift), if after `afterStep`. */
  private matchStep(secret: string, label: string, code: string, afterStep: number): number | null {
    const delta = this.totp(secret, label).validate({ token: code, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
    return step > afterStep ? step : null;
  }
}
