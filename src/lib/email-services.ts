import { timingSafeEqual } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { EmailChanges } from '../domain/accounts/email-change';
import { Invitations } from '../domain/accounts/invitations';
import { PasswordResets } from '../domain/accounts/password-reset';
import { env } from './env';
import { AppError } from './errors';
import { retryWording } from './rate-limits';
import { services } from './services';

interface EmailServices {
  invitations: Invitations;
  resets: PasswordResets;
  emailChanges: EmailChanges;
  resetLimiter: RateLimiterRedis;
}

/** The web process's account-email flows (invitations, password resets), built once. */
export function emailServices(): EmailServices {
  const holder = globalThis as unknown as { __livechatEmail?: EmailServices & { for: unknown } };
  const s = services();
  if (holder.__livechatEmail?.for !== s) {
    const { db, accounts, redis } = s;
    const e = env();
    holder.__livechatEmail = {
      for: s,
      invitations: new Invitations(db, accounts, e.PUBLIC_WEB_URL),
      resets: new PasswordResets(db, e.PUBLIC_WEB_URL),
      emailChanges: new EmailChanges(db, e.PUBLIC_WEB_URL),
      resetLimiter: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${e.REDIS_PREFIX}:rl:pwreset`, points: e.RL_PASSWORD_RESETS_PER_HOUR, duration: 3600 }),
    };
  }
  return holder.__livechatEmail;
}

/** Reset requests per address and per network: the same refusal whether or not the address has an account. */
export async function limitResetRequest(email: string, ip: string): Promise<void> {
  const { resetLimiter } = emailServices();
  try {
    await resetLimiter.consume(`ip:${ip}`);
    await resetLimiter.consume(`email:${email.trim().toLowerCase()}`);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const seconds = Math.ceil(error.msBeforeNext / 1000);
      throw new AppError('rate_limited', `Too many reset requests. Please try again in ${retryWording(seconds)}.`, { retryAfterSeconds: seconds }, seconds);
    }
    throw error;
  }
}

/** Inbound mail services and bounce reports authenticate with `Authorization: Bearer <EMAIL_WEBHOOK_SECRET>`. */
export function assertEmailWebhookSecret(req: Request): void {
  const secret = env().EMAIL_WEBHOOK_SECRET;
  const given = (req.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const ok = Boolean(secret) && given.length === secret!.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret!));
  if (!ok) throw new AppError('unauthorized', 'Missing or wrong email webhook secret');
}
