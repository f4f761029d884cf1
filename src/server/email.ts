import { timingSafeEqual } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { retryWording } from '../lib/rate-limits';
import type { AccountEmailServices } from './account-email';
import { services } from './web';

/** The web process's account-email flows (built with its services, src/server/web.ts). */
export function emailServices(): AccountEmailServices {
  return services().accountEmail;
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
